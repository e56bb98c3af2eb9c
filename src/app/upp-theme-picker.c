/* upp-theme-picker.c: the popover that codes a selected passage with a theme of the codebook
 *
 * Type to find a theme of the region's codebook, Up and Down to pick another, Enter or a
 * click to code the passage with it; a name that is no theme's offers to create the theme.
 * The picker closes after one theme: the next passage is usually coded next, and the
 * selection stays, so a second theme for the same passage is Ctrl+T again, where the themes
 * it has are ticked.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-theme-picker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "upp-coding.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-theme-picker.h"
#include "upp-theme.h"
#include "upp-toast.h"

struct _UppThemePicker
{
  GtkPopover          parent_instance;

  UppSession         *session;
  UppRound           *round;
  UppResponse        *response;
  char               *question_key;
  guint               start;
  guint               end;
  char               *search_key;   /* the typed name as names are compared */
  GHashTable         *assigned;     /* uuids of the themes the passage has */

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;     /* the region's themes that match */
  GListStore         *create_row;   /* "Create theme “NAME”": a GtkStringObject, or none */
  GtkSingleSelection *selection;

  /* Template widgets */
  GtkLabel           *empty_label;
  GtkListView        *list_view;
  GtkSearchEntry     *search_entry;
};

G_DEFINE_FINAL_TYPE (UppThemePicker, upp_theme_picker, GTK_TYPE_POPOVER)

enum {
  CODED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Names as people read them, the way the store compares them. */
static char *
dup_name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normalized != NULL ? normalized : stripped, -1);
}

static const char *
region_code (UppThemePicker *self)
{
  return self->round != NULL ? upp_region_get_code (upp_round_get_region (self->round)) : NULL;
}

static gboolean
filter_theme (gpointer item,
              gpointer user_data)
{
  UppThemePicker *self = user_data;
  g_autofree char *key = NULL;

  if (g_strcmp0 (upp_theme_get_region_code (item), region_code (self)) != 0)
    return FALSE;
  if (self->search_key == NULL || *self->search_key == '\0')
    return TRUE;
  key = dup_name_key (upp_theme_get_name (item));
  return strstr (key, self->search_key) != NULL;
}

/* A name that is none of the region's themes can become one. */
static void
update_create_row (UppThemePicker *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GtkStringObject) row = NULL;
  GListModel *themes = gtk_filter_list_model_get_model (self->filtered);
  guint n = themes != NULL ? g_list_model_get_n_items (themes) : 0;

  g_list_store_remove_all (self->create_row);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*name == '\0')
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppTheme) theme = g_list_model_get_item (themes, i);
      g_autofree char *key = NULL;

      if (g_strcmp0 (upp_theme_get_region_code (theme), region_code (self)) != 0)
        continue;
      key = dup_name_key (upp_theme_get_name (theme));
      if (g_strcmp0 (key, self->search_key) == 0)
        return;
    }
  row = gtk_string_object_new (name);
  g_list_store_append (self->create_row, row);
}

static void
select_position (UppThemePicker *self,
                 guint           position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position);
}

/* A region without themes, and nothing typed yet: says what to do instead of an empty list. */
static void
on_rows_changed_cb (UppThemePicker *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->list_view)), !empty);
}

static void
on_search_changed_cb (UppThemePicker *self)
{
  g_free (self->search_key);
  self->search_key = dup_name_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_create_row (self);
  /* The best match is the first: Enter takes it. Filtered at once, not after the search
   * entry's pause: a name typed fast and Enter must take what was typed. */
  select_position (self, 0);
}

static void
show_error (UppThemePicker *self,
            const GError   *error)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  upp_toast_show (parent != NULL ? parent : GTK_WIDGET (self), error->message);
}

static void
choose (UppThemePicker *self,
        guint           position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL || store == NULL || self->response == NULL)
    return;

  if (GTK_IS_STRING_OBJECT (item))
    {
      const char *name = gtk_string_object_get_string (GTK_STRING_OBJECT (item));

      /* Added a moment ago, or beside the window, and not in the session's model yet: the
       * store knows it. */
      theme = upp_store_find_theme (store, region_code (self), name, NULL);
      /* Neutral until the analyst says otherwise in the codebook. */
      if (theme == NULL)
        theme = upp_store_add_theme (store, region_code (self), name, UPP_THEME_KIND_NEUTRAL,
                                     &error);
      if (theme == NULL)
        {
          show_error (self, error);
          return;
        }
      upp_session_note_changes (self->session, UPP_SESSION_CHANGED_THEMES);
    }
  else
    theme = g_object_ref (UPP_THEME (item));

  coding = upp_store_code_passage (store, self->round, self->response, self->question_key,
                                   self->start, self->end, theme, &error);
  gtk_popover_popdown (GTK_POPOVER (self));
  if (coding == NULL)
    {
      show_error (self, error);
      return;
    }
  upp_session_note_changes (self->session, UPP_SESSION_CHANGED_THEMES);
  g_signal_emit (self, signals[CODED], 0, coding);
}

static void
on_search_activate_cb (UppThemePicker *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    choose (self, position);
}

static void
on_list_activate_cb (UppThemePicker *self,
                     guint           position)
{
  choose (self, position);
}

static void
on_stop_search_cb (UppThemePicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* Up and Down move through the themes while the focus stays where the name is typed. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   UppThemePicker        *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Down
      && keyval != GDK_KEY_KP_Up)
    return FALSE;
  if (selected == GTK_INVALID_LIST_POSITION)
    select_position (self, 0);
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    select_position (self, selected + 1);
  else if (selected > 0)
    select_position (self, selected - 1);
  return TRUE;
}

static const char *
kind_label (UppThemeKind kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return _("Promoting");
    case UPP_THEME_KIND_HINDERING:
      return _("Hindering");
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return _("Neutral");
    }
}

static const char *
kind_css_class (UppThemeKind kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return "upp-theme-promoting";
    case UPP_THEME_KIND_HINDERING:
      return "upp-theme-hindering";
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return "upp-theme-neutral";
    }
}

/* A row: the kind's colour dot (or a plus to create), the name, the kind, a tick when the
 * passage has the theme. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_label_new ("●");
  GtkWidget *add = gtk_image_new_from_icon_name ("list-add-symbolic");
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *tick = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_widget_add_css_class (dot, "upp-theme-dot");
  gtk_accessible_update_property (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (kind, "caption");
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), add);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), tick);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             UppThemePicker           *self)
{
  GtkWidget *dot = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *add = gtk_widget_get_next_sibling (dot);
  GtkWidget *name = gtk_widget_get_next_sibling (add);
  GtkWidget *kind = gtk_widget_get_next_sibling (name);
  GtkWidget *tick = gtk_widget_get_next_sibling (kind);
  GObject *item = gtk_list_item_get_item (list_item);

  gtk_widget_remove_css_class (dot, "upp-theme-promoting");
  gtk_widget_remove_css_class (dot, "upp-theme-hindering");
  gtk_widget_remove_css_class (dot, "upp-theme-neutral");
  if (GTK_IS_STRING_OBJECT (item))
    {
      /* Translators: the picker's row that adds the typed name to the codebook. */
      g_autofree char *label = g_strdup_printf (_("Create theme “%s”"),
                                                gtk_string_object_get_string (
                                                  GTK_STRING_OBJECT (item)));

      gtk_label_set_text (GTK_LABEL (name), label);
      gtk_widget_set_visible (dot, FALSE);
      gtk_widget_set_visible (add, TRUE);
      gtk_widget_set_visible (kind, FALSE);
      gtk_widget_set_visible (tick, FALSE);
      return;
    }

  gtk_label_set_text (GTK_LABEL (name), upp_theme_get_name (UPP_THEME (item)));
  gtk_label_set_text (GTK_LABEL (kind), kind_label (upp_theme_get_kind (UPP_THEME (item))));
  gtk_widget_add_css_class (dot, kind_css_class (upp_theme_get_kind (UPP_THEME (item))));
  gtk_widget_set_visible (dot, TRUE);
  gtk_widget_set_visible (add, FALSE);
  gtk_widget_set_visible (kind, TRUE);
  gtk_widget_set_visible (tick, g_hash_table_contains (self->assigned,
                                                       upp_theme_get_uuid (UPP_THEME (item))));
}

/* The themes the passage has already, to tick. */
static void
read_assigned (UppThemePicker *self)
{
  UppStore *store = upp_session_get_store (self->session);
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->assigned);
  if (store != NULL)
    codings = upp_store_list_codings (store, self->round, self->response, NULL, &error);
  if (error != NULL)
    g_debug ("Could not read the passage's themes: %s", error->message);
  for (guint i = 0; codings != NULL && i < codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (codings, i);

      if (g_strcmp0 (upp_coding_get_question_key (coding), self->question_key) == 0
          && upp_coding_get_start (coding) == self->start
          && upp_coding_get_end (coding) == self->end)
        g_hash_table_add (self->assigned, g_strdup (upp_coding_get_theme_uuid (coding)));
    }
}

void
upp_theme_picker_popup_for_passage (UppThemePicker     *self,
                                    UppSession         *session,
                                    UppRound           *round,
                                    UppResponse        *response,
                                    const char         *question_key,
                                    guint               start,
                                    guint               end,
                                    const GdkRectangle *area)
{
  g_return_if_fail (UPP_IS_THEME_PICKER (self));
  g_return_if_fail (UPP_IS_SESSION (session));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (UPP_IS_RESPONSE (response));

  g_set_object (&self->session, session);
  g_set_object (&self->round, round);
  g_set_object (&self->response, response);
  g_free (self->question_key);
  self->question_key = g_strdup (question_key);
  self->start = start;
  self->end = end;
  read_assigned (self);

  gtk_filter_list_model_set_model (self->filtered, upp_session_get_themes (session));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed_cb (self);
  /* Bound rows show the ticks of the passage coded before. */
  gtk_list_view_set_model (self->list_view, NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  select_position (self, 0);

  gtk_popover_set_pointing_to (GTK_POPOVER (self), area);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkEditable *
upp_theme_picker_get_search_entry (UppThemePicker *self)
{
  g_return_val_if_fail (UPP_IS_THEME_PICKER (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkWidget *
upp_theme_picker_new (void)
{
  return g_object_new (UPP_TYPE_THEME_PICKER, NULL);
}

static void
upp_theme_picker_dispose (GObject *object)
{
  UppThemePicker *self = UPP_THEME_PICKER (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_THEME_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->create_row);
  g_clear_object (&self->session);
  g_clear_object (&self->round);
  g_clear_object (&self->response);

  G_OBJECT_CLASS (upp_theme_picker_parent_class)->dispose (object);
}

static void
upp_theme_picker_finalize (GObject *object)
{
  UppThemePicker *self = UPP_THEME_PICKER (object);

  g_free (self->question_key);
  g_free (self->search_key);
  g_clear_pointer (&self->assigned, g_hash_table_unref);

  G_OBJECT_CLASS (upp_theme_picker_parent_class)->finalize (object);
}

static void
upp_theme_picker_class_init (UppThemePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_theme_picker_dispose;
  object_class->finalize = upp_theme_picker_finalize;

  signals[CODED] = g_signal_new ("coded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, UPP_TYPE_CODING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-theme-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, UppThemePicker, empty_label);
  gtk_widget_class_bind_template_child (widget_class, UppThemePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, UppThemePicker, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
upp_theme_picker_init (UppThemePicker *self)
{
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->assigned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter = gtk_custom_filter_new (filter_theme, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->create_row = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  /* The matching themes first, so that Enter takes the best match; the row to create the
   * typed name last (first when nothing matches). */
  g_list_store_append (parts, self->filtered);
  g_list_store_append (parts, self->create_row);
  self->selection = gtk_single_selection_new (
    G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)))));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (on_rows_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_rows_changed_cb (self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}
