/* upp-coding-highlight.c: coded passages shown in a text view: highlights and their menu
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-coding-highlight"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-coding-highlight.h"
#include "upp-coding.h"
#include "upp-theme.h"

/* The coding a tag highlights: only our tags carry it. */
#define CODING_KEY "upp-coding"
#define MENU_KEY "upp-coding-menu"
/* On the buffer: the text view whose menu follows its highlights (a GWeakRef). */
#define VIEW_KEY "upp-coding-view"

/* Translucent, so that the text stays readable on the light and the dark style alike; the
 * kinds' colours are those of the charts and the themes view (libadwaita's green, red and
 * blue). */
#define HIGHLIGHT_ALPHA 0.28

static void
dup_theme_colour (UppTheme *theme,
                  GdkRGBA  *colour)
{
  const char *own = theme != NULL ? upp_theme_get_colour (theme) : "";

  if (*own != '\0' && gdk_rgba_parse (colour, own))
    {
      colour->alpha = HIGHLIGHT_ALPHA;
      return;
    }
  switch (theme != NULL ? upp_theme_get_kind (theme) : UPP_THEME_KIND_NEUTRAL)
    {
    case UPP_THEME_KIND_PROMOTING:
      gdk_rgba_parse (colour, "#2ec27e");
      break;
    case UPP_THEME_KIND_HINDERING:
      gdk_rgba_parse (colour, "#e01b24");
      break;
    case UPP_THEME_KIND_NEUTRAL:
    default:
      gdk_rgba_parse (colour, "#3584e4");
      break;
    }
  colour->alpha = HIGHLIGHT_ALPHA;
}

/* The theme with this uuid in the session's model, which keeps it (transfer none). */
static UppTheme *
find_theme (GListModel *themes,
            const char *uuid)
{
  guint n = themes != NULL ? g_list_model_get_n_items (themes) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppTheme) theme = g_list_model_get_item (themes, i);

      if (g_strcmp0 (upp_theme_get_uuid (theme), uuid) == 0)
        return theme;
    }
  return NULL;
}

static void
collect_tag (GtkTextTag *tag,
             gpointer    data)
{
  GPtrArray *tags = data;

  if (g_object_get_data (G_OBJECT (tag), CODING_KEY) != NULL)
    g_ptr_array_add (tags, tag);
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  GtkTextTag *ta = *(GtkTextTag **) a;
  GtkTextTag *tb = *(GtkTextTag **) b;

  return gtk_text_tag_get_priority (ta) - gtk_text_tag_get_priority (tb);
}

/* Our tags, in the order they were added. */
static GPtrArray *
dup_coding_tags (GtkTextBuffer *buffer)
{
  GPtrArray *tags = g_ptr_array_new ();

  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), collect_tag, tags);
  g_ptr_array_sort (tags, compare_priority);
  return tags;
}

static void update_menu (GtkTextView *text_view);

void
upp_coding_highlight_apply (GtkTextBuffer *buffer,
                            GPtrArray     *codings,
                            GListModel    *themes)
{
  GtkTextTagTable *table;
  g_autoptr(GPtrArray) old = NULL;
  int length;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  table = gtk_text_buffer_get_tag_table (buffer);
  old = dup_coding_tags (buffer);
  for (guint i = 0; i < old->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (old, i));

  length = gtk_text_buffer_get_char_count (buffer);
  for (guint i = 0; codings != NULL && i < codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (codings, i);
      GtkTextTag *tag;
      GtkTextIter start, end;
      GdkRGBA colour;

      /* A flagged passage's text is gone: it stays where it was, underlined, until the
       * analyst codes it again; past the end of a shortened text it cannot be shown. */
      if ((int) upp_coding_get_start (coding) >= length)
        continue;
      tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);
      if (upp_coding_get_flagged (coding))
        g_object_set (tag, "underline", PANGO_UNDERLINE_ERROR, NULL);
      else
        {
          dup_theme_colour (find_theme (themes, upp_coding_get_theme_uuid (coding)), &colour);
          g_object_set (tag, "background-rgba", &colour, NULL);
        }
      g_object_set_data_full (G_OBJECT (tag), CODING_KEY, g_object_ref (coding),
                              g_object_unref);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, upp_coding_get_start (coding));
      gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                          MIN ((int) upp_coding_get_end (coding), length));
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }

  /* Coded where the cursor is: the menu offers to remove it without the cursor moving. */
  if (g_object_get_data (G_OBJECT (buffer), VIEW_KEY) != NULL)
    {
      g_autoptr(GtkTextView) text_view = g_weak_ref_get (g_object_get_data (G_OBJECT (buffer),
                                                                            VIEW_KEY));

      if (text_view != NULL)
        update_menu (text_view);
    }
}

GPtrArray *
upp_coding_highlight_dup_codings_in (GtkTextBuffer     *buffer,
                                     const GtkTextIter *start,
                                     const GtkTextIter *end)
{
  g_autoptr(GPtrArray) tags = NULL;
  GPtrArray *codings = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), codings);

  tags = dup_coding_tags (buffer);
  for (guint i = 0; i < tags->len; i++)
    {
      GtkTextTag *tag = g_ptr_array_index (tags, i);
      GtkTextIter at = *start;
      gboolean found = gtk_text_iter_has_tag (&at, tag);

      if (!found && gtk_text_iter_compare (start, end) < 0
          && gtk_text_iter_forward_to_tag_toggle (&at, tag))
        found = gtk_text_iter_compare (&at, end) < 0 && gtk_text_iter_starts_tag (&at, tag);
      if (found)
        g_ptr_array_add (codings, g_object_ref (g_object_get_data (G_OBJECT (tag), CODING_KEY)));
    }
  return codings;
}

UppCoding *
upp_coding_highlight_find_coding (GtkTextBuffer *buffer,
                                  const char    *uuid)
{
  g_autoptr(GPtrArray) tags = NULL;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  tags = dup_coding_tags (buffer);
  for (guint i = 0; i < tags->len; i++)
    {
      UppCoding *coding = g_object_get_data (g_ptr_array_index (tags, i), CODING_KEY);

      if (g_strcmp0 (upp_coding_get_uuid (coding), uuid) == 0)
        return coding;
    }
  return NULL;
}

typedef struct
{
  char  *code_action;
  char  *remove_action;
  GMenu *menu;
} MenuData;

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
menu_data_free (gpointer data)
{
  MenuData *menu_data = data;

  g_free (menu_data->code_action);
  g_free (menu_data->remove_action);
  g_clear_object (&menu_data->menu);
  g_free (menu_data);
}

/* The context menu offers to code the selection, and to remove each coding where the
 * cursor is: a right click puts the cursor there first. */
static void
update_menu (GtkTextView *text_view)
{
  MenuData *menu_data = g_object_get_data (G_OBJECT (text_view), MENU_KEY);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GPtrArray) codings = NULL;
  GtkTextIter start, end;

  g_menu_remove_all (menu_data->menu);
  g_menu_append (menu_data->menu, _("Code Selection…"), menu_data->code_action);

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  codings = upp_coding_highlight_dup_codings_in (buffer, &start, &end);
  for (guint i = 0; i < codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (codings, i);
      g_autoptr(GMenuItem) item = NULL;
      /* Translators: a context menu item; %s is the theme's name. */
      g_autofree char *label = g_strdup_printf (_("Remove Coding “%s”"),
                                                upp_coding_get_theme_name (coding));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, menu_data->remove_action,
                                               g_variant_new_string (upp_coding_get_uuid (
                                                 coding)));
      g_menu_append_item (menu_data->menu, item);
    }
}

static void
on_mark_set_cb (GtkTextBuffer     *buffer,
                const GtkTextIter *location,
                GtkTextMark       *mark,
                GtkTextView       *text_view)
{
  if (mark == gtk_text_buffer_get_insert (buffer)
      || mark == gtk_text_buffer_get_selection_bound (buffer))
    update_menu (text_view);
}

static gboolean
on_query_tooltip_cb (GtkTextView *text_view,
                     int          x,
                     int          y,
                     gboolean     keyboard,
                     GtkTooltip  *tooltip)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GString) text = NULL;
  GtkTextIter at;
  int bx, by;

  if (keyboard)
    gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
  else
    {
      gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (text_view, &at, bx, by))
        return FALSE;
    }
  codings = upp_coding_highlight_dup_codings_in (buffer, &at, &at);
  if (codings->len == 0)
    return FALSE;

  text = g_string_new (NULL);
  for (guint i = 0; i < codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (codings, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (upp_coding_get_flagged (coding))
        /* Translators: a tooltip line for a coded passage whose text was changed away. */
        g_string_append_printf (text, _("%s (the coded words are no longer here)"),
                                upp_coding_get_theme_name (coding));
      else
        g_string_append (text, upp_coding_get_theme_name (coding));
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

void
upp_coding_highlight_attach (GtkTextView *text_view,
                             const char  *code_action,
                             const char  *remove_action)
{
  MenuData *menu_data;
  GWeakRef *view_ref;

  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));

  view_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (view_ref, text_view);
  g_object_set_data_full (G_OBJECT (gtk_text_view_get_buffer (text_view)), VIEW_KEY, view_ref,
                          weak_ref_free);

  menu_data = g_new0 (MenuData, 1);
  menu_data->code_action = g_strdup (code_action);
  menu_data->remove_action = g_strdup (remove_action);
  menu_data->menu = g_menu_new ();
  g_object_set_data_full (G_OBJECT (text_view), MENU_KEY, menu_data, menu_data_free);
  gtk_text_view_set_extra_menu (text_view, G_MENU_MODEL (menu_data->menu));
  update_menu (text_view);

  g_signal_connect_object (gtk_text_view_get_buffer (text_view), "mark-set",
                           G_CALLBACK (on_mark_set_cb), text_view, 0);
  gtk_widget_set_has_tooltip (GTK_WIDGET (text_view), TRUE);
  g_signal_connect (text_view, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

gboolean
upp_coding_highlight_get_selection (GtkTextView  *text_view,
                                    GtkWidget    *widget,
                                    guint        *start,
                                    guint        *end,
                                    GdkRectangle *area)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter from, to;
  GdkRectangle first, last;
  double x, y;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &from, &to))
    return FALSE;
  *start = gtk_text_iter_get_offset (&from);
  *end = gtk_text_iter_get_offset (&to);

  gtk_text_view_get_iter_location (text_view, &from, &first);
  gtk_text_view_get_iter_location (text_view, &to, &last);
  /* On one line the popover points at the whole selection, else at where it begins. */
  if (first.y == last.y)
    first.width = MAX (last.x - first.x, 1);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, first.x, first.y,
                                         &first.x, &first.y);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (text_view), widget, first.x, first.y,
                                         &x, &y))
    x = y = 0;
  /* A selection scrolled out of sight: the popover points at the nearest edge, as a popup
   * outside every monitor cannot be placed. */
  x = CLAMP (x, 0, MAX (gtk_widget_get_width (widget) - 1, 0));
  y = CLAMP (y, 0, MAX (gtk_widget_get_height (widget) - first.height, 0));
  *area = (GdkRectangle) { (int) x, (int) y, MAX (first.width, 1), first.height };
  return TRUE;
}
