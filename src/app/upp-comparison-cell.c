/* upp-comparison-cell.c: one cell of the comparison matrix, a fixed number of lines high
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-comparison-cell"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "upp-comparison-cell.h"

/* Every cell of a matrix row is exactly `lines` lines high, whatever its text, so the fixed
 * unit column and the scrolling answer columns (two column views) keep their rows aligned.
 * Longer answers are ellipsized; a click shows them in full.
 *
 * The cell draws its text itself instead of holding a GtkLabel: a column view makes some 200
 * rows of cells at once, and each label laid out and shaped its text when allocated, though
 * only the ten rows on screen are drawn. The layout is made when the cell is first drawn. */
struct _UppComparisonCell
{
  GtkWidget      parent_instance;

  guint          lines;
  char          *text;
  char          *shown;
  PangoAttrList *attrs;
  PangoLayout   *layout;
  guint          layout_serial;
  GObject       *row_item;
  char          *column_key;
};

G_DEFINE_FINAL_TYPE (UppComparisonCell, upp_comparison_cell, GTK_TYPE_WIDGET)

PangoAttrList *
upp_comparison_cell_highlight_attributes (const char    *text,
                                     gsize          text_offset,
                                     const char    *needle,
                                     PangoAttrList *attrs)
{
  g_autofree gunichar *hay = NULL;
  g_autofree gunichar *pin = NULL;
  g_autofree glong *byte_at = NULL;
  glong n_hay, n_pin, i;
  const char *p;

  if (attrs == NULL)
    attrs = pango_attr_list_new ();
  if (text == NULL || needle == NULL || *needle == '\0')
    return attrs;

  hay = g_utf8_to_ucs4_fast (text, -1, &n_hay);
  pin = g_utf8_to_ucs4_fast (needle, -1, &n_pin);
  if (n_pin == 0 || n_pin > n_hay)
    return attrs;

  /* Lower-casing one character at a time keeps the character offsets of the original. */
  byte_at = g_new (glong, n_hay + 1);
  for (i = 0, p = text; i < n_hay; i++, p = g_utf8_next_char (p))
    {
      byte_at[i] = p - text;
      hay[i] = g_unichar_tolower (hay[i]);
    }
  byte_at[n_hay] = strlen (text);
  for (i = 0; i < n_pin; i++)
    pin[i] = g_unichar_tolower (pin[i]);

  for (i = 0; i + n_pin <= n_hay; i++)
    {
      PangoAttribute *attr;
      guint start, end;

      if (memcmp (hay + i, pin, n_pin * sizeof (gunichar)) != 0)
        continue;

      start = text_offset + byte_at[i];
      end = text_offset + byte_at[i + n_pin];
      /* Dark text on yellow reads in the light and the dark style alike. */
      attr = pango_attr_background_new (0xf6f6, 0xd3d3, 0x2d2d);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (0x2424, 0x1f1f, 0x3131);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      i += n_pin - 1;
    }

  return attrs;
}

/* The height of `lines` lines in a font, shared by every cell: a view makes hundreds of
 * cells at once, and laying out a probe text for each was much of opening the comparison. */
static int
get_lines_height (GtkWidget *widget,
                  guint      lines)
{
  static GHashTable *heights = NULL;   /* "font@resolution×lines" → height */
  PangoContext *context = gtk_widget_get_pango_context (widget);
  g_autofree char *font = pango_font_description_to_string (
    pango_context_get_font_description (context));
  g_autofree char *key = g_strdup_printf ("%s@%g×%u", font,
                                          pango_cairo_context_get_resolution (context), lines);
  g_autoptr(GString) probe = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  gpointer cached;
  int height;

  if (heights == NULL)
    heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (heights, key, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  probe = g_string_new ("Åg");
  for (guint i = 1; i < lines; i++)
    g_string_append (probe, "\nÅg");
  layout = gtk_widget_create_pango_layout (widget, probe->str);
  pango_layout_get_pixel_size (layout, NULL, &height);
  g_hash_table_insert (heights, g_steal_pointer (&key), GINT_TO_POINTER (height));
  return height;
}

/* The text laid out in the cell's width, made when first needed and again after the text,
 * the lines or the font changed. */
static PangoLayout *
ensure_layout (UppComparisonCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  /* The widget's context follows its font; a layout made before a change is stale. */
  if (self->layout != NULL && self->layout_serial != pango_context_get_serial (context))
    g_clear_object (&self->layout);

  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (context);
      self->layout_serial = pango_context_get_serial (context);
      pango_layout_set_text (self->layout, self->shown != NULL ? self->shown : "", -1);
      pango_layout_set_attributes (self->layout, self->attrs);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      /* A negative height is a number of lines: the last one shown ends in "…". */
      pango_layout_set_height (self->layout, -(int) self->lines);
    }
  /* Pango keeps its lines when the width is the same. */
  pango_layout_set_width (self->layout, MAX (width, 1) * PANGO_SCALE);
  return self->layout;
}

static void
clear_layout (UppComparisonCell *self)
{
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
upp_comparison_cell_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  UppComparisonCell *self = UPP_COMPARISON_CELL (widget);
  GdkRGBA color;

  if (self->shown == NULL || *self->shown == '\0')
    return;

  /* The colour of the style's text, or of the dim-label or accent class the cell has. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_append_layout (snapshot, ensure_layout (self), &color);
}

static void
upp_comparison_cell_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  UppComparisonCell *self = UPP_COMPARISON_CELL (widget);

  /* The columns have widths of their own: measuring the text would lay it out on one line,
   * for every cell of every row the view makes. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }

  /* The height of `lines` lines in the cell's font, whatever the text. */
  *minimum = *natural = get_lines_height (widget, self->lines);
}

static GtkSizeRequestMode
upp_comparison_cell_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
upp_comparison_cell_dispose (GObject *object)
{
  UppComparisonCell *self = (UppComparisonCell *)object;

  g_clear_object (&self->layout);
  g_clear_object (&self->row_item);

  G_OBJECT_CLASS (upp_comparison_cell_parent_class)->dispose (object);
}

static void
upp_comparison_cell_finalize (GObject *object)
{
  UppComparisonCell *self = (UppComparisonCell *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_clear_pointer (&self->column_key, g_free);

  G_OBJECT_CLASS (upp_comparison_cell_parent_class)->finalize (object);
}

static void
upp_comparison_cell_class_init (UppComparisonCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_comparison_cell_dispose;
  object_class->finalize = upp_comparison_cell_finalize;

  widget_class->snapshot = upp_comparison_cell_snapshot;
  widget_class->measure = upp_comparison_cell_measure;
  widget_class->get_request_mode = upp_comparison_cell_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "comparison-cell");
  /* Read as a label named by the whole text (the layout shows only its first lines). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
upp_comparison_cell_init (UppComparisonCell *self)
{
  self->lines = 4;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
upp_comparison_cell_new (guint lines)
{
  UppComparisonCell *self = g_object_new (UPP_TYPE_COMPARISON_CELL, NULL);

  self->lines = MAX (lines, 1);
  return GTK_WIDGET (self);
}

/* No cell is wider than this many characters a line (a wide screen, the column widened). */
#define MAX_CHARS_PER_LINE 160
/* U+2028: a line break within a paragraph. */
#define LINE_SEPARATOR "\u2028"

/* How much of text `lines` lines can show at most: Pango lays out and shapes the whole text
 * even when it shows four lines of it, and that for every cell drawn. */
static gsize
get_shown_length (const char *text,
                  guint       lines)
{
  guint max_chars = lines * MAX_CHARS_PER_LINE;
  guint n_lines = 1;
  const char *p = text;

  for (guint n = 0; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    if (g_str_has_prefix (p, LINE_SEPARATOR) && ++n_lines > lines)
      break;
  return p - text;
}

/* Pango limits a layout's lines per paragraph, so a cell of several paragraphs was cut at its
 * edge without the ellipsis: its line breaks become line separators, one paragraph. */
static char *
dup_one_paragraph (const char *text)
{
  g_autoptr(GString) joined = g_string_new (text);

  g_string_replace (joined, "\r\n", LINE_SEPARATOR, 0);
  g_string_replace (joined, "\n", LINE_SEPARATOR, 0);
  g_string_replace (joined, "\r", LINE_SEPARATOR, 0);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Takes shown and attrs; the accessible name is the whole text, or reset to none. */
static void
set_shown (UppComparisonCell *self,
           char              *shown,
           PangoAttrList     *attrs,
           const char        *style_class,
           const char        *accessible_name)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_free (self->shown);
  self->shown = shown;
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs;

  if (g_strcmp0 (style_class, "dim-label") != 0)
    gtk_widget_remove_css_class (widget, "dim-label");
  if (g_strcmp0 (style_class, "accent") != 0)
    gtk_widget_remove_css_class (widget, "accent");
  if (style_class != NULL)
    gtk_widget_add_css_class (widget, style_class);

  if (accessible_name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible_name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);

  clear_layout (self);
}

void
upp_comparison_cell_set_content (UppComparisonCell *self,
                                 const char        *prefix,
                                 const char        *text,
                                 const char        *highlight)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  gboolean has_prefix = prefix != NULL && *prefix != '\0';
  gboolean has_text = text != NULL && *text != '\0';
  g_autofree char *whole = NULL;
  gsize text_offset;
  gsize length;

  g_return_if_fail (UPP_IS_COMPARISON_CELL (self));

  g_free (self->text);
  self->text = g_strdup (has_text ? text : has_prefix ? prefix : "");

  if (!has_prefix && !has_text)
    {
      /* An empty answer: a dim dash, and a name screen readers can say. */
      set_shown (self, g_strdup ("—"), NULL, "dim-label", C_("comparison", "No answer"));
      return;
    }

  if (has_prefix)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      g_autofree char *line = dup_one_paragraph (prefix);

      g_string_append (shown, line);
      bold->start_index = 0;
      bold->end_index = shown->len;
      pango_attr_list_insert (attrs, bold);
      upp_comparison_cell_highlight_attributes (line, 0, highlight, attrs);
      if (has_text)
        g_string_append (shown, LINE_SEPARATOR);
    }

  text_offset = shown->len;
  if (has_text)
    {
      g_autofree char *lines = dup_one_paragraph (text);

      g_string_append (shown, lines);
      upp_comparison_cell_highlight_attributes (lines, text_offset, highlight, attrs);
    }
  /* What a screen reader reads: the whole content, with its line breaks. */
  whole = has_prefix && has_text ? g_strconcat (prefix, "\n", text, NULL)
                                 : g_strdup (has_text ? text : prefix);

  length = get_shown_length (shown->str, self->lines);
  if (length < shown->len)
    {
      /* Marked as cut even where the cut falls at a line break. */
      g_string_truncate (shown, length);
      g_string_append (shown, "…");
    }
  set_shown (self, g_string_free (g_steal_pointer (&shown), FALSE), g_steal_pointer (&attrs),
             NULL, whole);
}

void
upp_comparison_cell_set_heading (UppComparisonCell *self,
                                 const char        *heading)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  g_return_if_fail (UPP_IS_COMPARISON_CELL (self));

  g_free (self->text);
  self->text = g_strdup (heading != NULL ? heading : "");
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  set_shown (self, g_strdup (self->text), attrs, "accent", *self->text != '\0' ? self->text : NULL);
}

const char *
upp_comparison_cell_get_text (UppComparisonCell *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}

const char *
upp_comparison_cell_get_shown_text (UppComparisonCell *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_CELL (self), NULL);

  return self->shown != NULL ? self->shown : "";
}

gboolean
upp_comparison_cell_is_ellipsized (UppComparisonCell *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_CELL (self), FALSE);

  if (g_str_has_suffix (upp_comparison_cell_get_shown_text (self), "…"))
    return TRUE;
  return pango_layout_is_ellipsized (ensure_layout (self));
}

void
upp_comparison_cell_set_position (UppComparisonCell *self,
                                  GObject           *row_item,
                                  const char        *column_key)
{
  g_return_if_fail (UPP_IS_COMPARISON_CELL (self));

  g_set_object (&self->row_item, row_item);
  g_free (self->column_key);
  self->column_key = g_strdup (column_key);
}

GObject *
upp_comparison_cell_get_row_item (UppComparisonCell *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_CELL (self), NULL);

  return self->row_item;
}

const char *
upp_comparison_cell_get_column_key (UppComparisonCell *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_CELL (self), NULL);

  return self->column_key;
}

void
upp_comparison_cell_set_lines (UppComparisonCell *self,
                               guint              lines)
{
  g_return_if_fail (UPP_IS_COMPARISON_CELL (self));

  lines = MAX (lines, 1);
  if (self->lines == lines)
    return;
  self->lines = lines;
  clear_layout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
