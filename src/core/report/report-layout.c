/* report-layout.c: a small paginating layout engine that sets blocks of text onto A4 pages
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blocks are laid out once with Pango at 72 dpi without hinting, so a point is a user unit
 * and a page looks the same on a PDF surface, in the preview and on a printer. Paragraphs are
 * split between their lines; headings keep with what follows them. The table of contents is
 * filled in when the pages are drawn, after pagination has put every heading on its page:
 * its entries' heights do not depend on the page numbers, which sit in a column of their own.
 */

#define G_LOG_DOMAIN "upp-report-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "report-layout.h"

#define MARGIN_LEFT     82.0
#define MARGIN_RIGHT    82.0
#define CONTENT_TOP     82.0
#define CONTENT_BOTTOM  (UPP_REPORT_PAGE_HEIGHT - 76.0)
#define HEADER_BASELINE 50.0
#define FOOTER_BASELINE (UPP_REPORT_PAGE_HEIGHT - 40.0)
#define TEXT_WIDTH      (UPP_REPORT_PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define CONTENT_HEIGHT  (CONTENT_BOTTOM - CONTENT_TOP)
#define CONTENTS_NUMBER_WIDTH 30.0
#define LIST_INDENT     16.0
#define LIST_AFTER      5.0
#define CELL_PADDING    4.0
#define TABLE_AFTER     10.0

#define SANS  "DejaVu Sans"
#define SERIF "DejaVu Serif"

typedef struct
{
  const char *font;
  double      red, green, blue;
  double      line_spacing;
  double      space_before;
  double      space_after;
  gboolean    keep_with_next;  /* never last on a page: a question, a code above an answer */
} TextStyle;

/* Heading levels 1 to 4: chapter, section, a part of a section (the analysis, a county
 * part), a unit above its answer. */
static const TextStyle heading_styles[] = {
  { SANS " Bold 17",   0.05, 0.27, 0.42, 1.1, 0.0, 14.0, TRUE },
  { SANS " Bold 12",   0.05, 0.27, 0.42, 1.15, 16.0, 6.0, TRUE },
  { SANS " Bold 10.5", 0.05, 0.27, 0.42, 1.15, 12.0, 4.0, TRUE },
  { SANS " Bold 9.5",  0.10, 0.10, 0.10, 1.1, 10.0, 2.5, TRUE },
};

static const TextStyle text_styles[] = {
  [UPP_REPORT_TEXT_BODY] =
    { SERIF " 10",        0.0, 0.0, 0.0, 1.3, 0.0, 8.0 },
  [UPP_REPORT_TEXT_ANSWER] =
    { SERIF " 10",        0.0, 0.0, 0.0, 1.3, 0.0, 4.0 },
  [UPP_REPORT_TEXT_CODE] =
    { SANS " Oblique 9",  0.05, 0.27, 0.42, 1.2, 0.0, 3.0, TRUE },
  [UPP_REPORT_TEXT_NOTE] =
    { SERIF " Italic 10", 0.25, 0.25, 0.25, 1.3, 8.0, 6.0 },
  [UPP_REPORT_TEXT_QUESTION] =
    { SANS " Bold 10",    0.0, 0.0, 0.0, 1.25, 10.0, 4.0, TRUE },
  [UPP_REPORT_TEXT_LEAD_IN] =
    { SERIF " 10",        0.0, 0.0, 0.0, 1.3, 0.0, 4.0, TRUE },
  [UPP_REPORT_TEXT_TITLE] =
    { SANS " Bold 26",    0.05, 0.27, 0.42, 1.1, 0.0, 18.0 },
  [UPP_REPORT_TEXT_TITLE_REGION] =
    { SANS " 14",         0.2, 0.2, 0.2, 1.1, 0.0, 8.0 },
  [UPP_REPORT_TEXT_TITLE_DETAIL] =
    { SANS " 11",         0.2, 0.2, 0.2, 1.3, 0.0, 2.0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (text_styles) == UPP_N_REPORT_TEXT_STYLES);

/* List items sit closer together than paragraphs. */
static const TextStyle list_style =
  { SERIF " 10", 0.0, 0.0, 0.0, 1.3, 0.0, 3.0 };

static const TextStyle table_styles[] = {
  { SERIF " 9.5",     0.0, 0.0, 0.0, 1.25, 0.0, 0.0 },
  { SANS " Bold 9.5", 0.05, 0.27, 0.42, 1.2, 0.0, 0.0, TRUE },  /* header row */
};

static const TextStyle contents_styles[] = {
  { SANS " Bold 10", 0.0, 0.0, 0.0, 1.2, 8.0, 2.0 },
  { SERIF " 10",     0.0, 0.0, 0.0, 1.2, 0.0, 2.0 },
  { SERIF " 9.5",    0.0, 0.0, 0.0, 1.2, 0.0, 1.0 },
};

typedef enum
{
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_LIST_ITEM,
  BLOCK_SPACE,
  BLOCK_DRAWING,
  BLOCK_PAGE_BREAK,
  BLOCK_CONTENTS,        /* placeholder, expanded into entries when paginating */
  BLOCK_CONTENTS_ENTRY,
  BLOCK_TABLE_ROW,
} BlockKind;

typedef struct
{
  double top;       /* from the top of the layout */
  double bottom;
  double baseline;
  double x;         /* left edge of the line, alignment and indent included */
  double right;
} LineBox;

typedef struct _Block Block;

struct _Block
{
  BlockKind           kind;
  UppReportTextStyle  style;
  guint               level;
  char               *number;
  char               *text;
  char               *bullet;
  gboolean            markup;
  gboolean            in_contents;
  double              height;
  UppReportDrawFunc   draw;
  gpointer            draw_data;
  GDestroyNotify      draw_destroy;
  Block              *target;      /* the heading a contents entry points to */
  GStrv               cells;       /* a table row's markup, one per cell */
  double             *cell_widths; /* in points */
  GPtrArray          *cell_layouts;
  Block              *header_row;  /* of the table a body row belongs to, or NULL */

  const TextStyle    *text_style;
  double              indent;
  double              width;
  PangoLayout        *layout;
  GArray             *lines;       /* LineBox */

  int                 page;        /* where the block starts, -1 before pagination */
  double              page_y;
};

typedef struct
{
  Block  *block;
  guint   first_line;
  guint   n_lines;
  double  y;
  double  scale;
} Placement;

struct _UppReportLayout
{
  GObject       parent_instance;

  char         *running_header;
  GPtrArray    *blocks;        /* Block *, owned */
  GPtrArray    *pages;         /* GArray of Placement */
  GPtrArray    *contents;      /* Block * of the headings in the table of contents */

  PangoFontMap *font_map;
  PangoContext *context;
  PangoLayout  *header_layout;
  gboolean      paginated;
};

G_DEFINE_FINAL_TYPE (UppReportLayout, upp_report_layout, G_TYPE_OBJECT)

static void
block_free (gpointer data)
{
  Block *block = data;

  if (block->draw_destroy != NULL)
    block->draw_destroy (block->draw_data);
  g_free (block->number);
  g_free (block->text);
  g_free (block->bullet);
  g_clear_object (&block->layout);
  g_clear_pointer (&block->lines, g_array_unref);
  g_strfreev (block->cells);
  g_free (block->cell_widths);
  g_clear_pointer (&block->cell_layouts, g_ptr_array_unref);
  g_free (block);
}

static void
upp_report_layout_finalize (GObject *object)
{
  UppReportLayout *self = UPP_REPORT_LAYOUT (object);

  g_clear_pointer (&self->running_header, g_free);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->contents, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->header_layout);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);

  G_OBJECT_CLASS (upp_report_layout_parent_class)->finalize (object);
}

static void
upp_report_layout_class_init (UppReportLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_report_layout_finalize;
}

static void
upp_report_layout_init (UppReportLayout *self)
{
  cairo_font_options_t *options;

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->contents = g_ptr_array_new ();

  /* A font map of our own: the layout may be built on a worker thread. 72 dpi and no
   * hinting make the metrics the same on every surface the pages are drawn on. */
  self->font_map = pango_cairo_font_map_new ();
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (self->font_map), 72.0);
  self->context = pango_font_map_create_context (self->font_map);
  pango_context_set_language (self->context, pango_language_from_string ("sv"));
  pango_context_set_round_glyph_positions (self->context, FALSE);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

UppReportLayout *
upp_report_layout_new (void)
{
  return g_object_new (UPP_TYPE_REPORT_LAYOUT, NULL);
}

void
upp_report_layout_set_running_header (UppReportLayout *self,
                                      const char      *text)
{
  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));

  g_free (self->running_header);
  self->running_header = g_strdup (text);
  g_clear_object (&self->header_layout);
}

double
upp_report_layout_get_text_width (UppReportLayout *self)
{
  return TEXT_WIDTH;
}

static Block *
add_block (UppReportLayout *self,
           BlockKind        kind)
{
  Block *block = g_new0 (Block, 1);

  g_return_val_if_fail (!self->paginated, block);

  block->kind = kind;
  block->page = -1;
  block->width = TEXT_WIDTH;
  g_ptr_array_add (self->blocks, block);

  return block;
}

void
upp_report_layout_add_contents (UppReportLayout *self,
                                const char      *title)
{
  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));

  upp_report_layout_add_heading (self, 1, NULL, title, FALSE);
  add_block (self, BLOCK_CONTENTS);
}

void
upp_report_layout_add_heading (UppReportLayout *self,
                               guint            level,
                               const char      *number,
                               const char      *text,
                               gboolean         in_contents)
{
  Block *block;

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (level >= 1 && level <= G_N_ELEMENTS (heading_styles));

  block = add_block (self, BLOCK_HEADING);
  block->level = level;
  block->number = g_strdup (number);
  block->text = g_strdup (text);
  block->in_contents = in_contents;
  block->text_style = &heading_styles[level - 1];
}

void
upp_report_layout_add_paragraph (UppReportLayout    *self,
                                 UppReportTextStyle  style,
                                 const char         *text)
{
  Block *block;

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (style < UPP_N_REPORT_TEXT_STYLES);

  block = add_block (self, BLOCK_TEXT);
  block->style = style;
  block->text = g_strdup (text != NULL ? text : "");
  block->text_style = &text_styles[style];
}

void
upp_report_layout_add_markup (UppReportLayout    *self,
                              UppReportTextStyle  style,
                              const char         *markup)
{
  Block *block;

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (style < UPP_N_REPORT_TEXT_STYLES);

  block = add_block (self, BLOCK_TEXT);
  block->style = style;
  block->text = g_strdup (markup != NULL ? markup : "");
  block->markup = TRUE;
  block->text_style = &text_styles[style];
}

void
upp_report_layout_add_list_item (UppReportLayout *self,
                                 const char      *bullet,
                                 const char      *text)
{
  Block *block;

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));

  block = add_block (self, BLOCK_LIST_ITEM);
  block->style = UPP_REPORT_TEXT_BODY;
  block->bullet = g_strdup (bullet != NULL ? bullet : "•");
  block->text = g_strdup (text != NULL ? text : "");
  block->text_style = &list_style;
}

void
upp_report_layout_add_space (UppReportLayout *self,
                             double           points)
{
  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));

  add_block (self, BLOCK_SPACE)->height = MAX (points, 0.0);
}

void
upp_report_layout_add_drawing (UppReportLayout   *self,
                               double             height,
                               UppReportDrawFunc  func,
                               gpointer           user_data,
                               GDestroyNotify     destroy)
{
  Block *block;

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (func != NULL);

  block = add_block (self, BLOCK_DRAWING);
  block->height = MAX (height, 1.0);
  block->draw = func;
  block->draw_data = user_data;
  block->draw_destroy = destroy;
}

void
upp_report_layout_add_page_break (UppReportLayout *self)
{
  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));

  add_block (self, BLOCK_PAGE_BREAK);
}

void
upp_report_layout_add_table_row (UppReportLayout    *self,
                                 gboolean            header,
                                 guint               n_cells,
                                 const double       *widths,
                                 const char * const *cells)
{
  Block *previous;
  Block *block;

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (n_cells > 0 && cells != NULL);

  previous = self->blocks->len > 0 ? g_ptr_array_index (self->blocks, self->blocks->len - 1)
                                   : NULL;
  block = add_block (self, BLOCK_TABLE_ROW);
  block->level = header;
  block->text_style = &table_styles[header ? 1 : 0];
  block->cells = g_new0 (char *, n_cells + 1);
  block->cell_widths = g_new0 (double, n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      block->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
      block->cell_widths[i] = TEXT_WIDTH * (widths != NULL ? widths[i] : 1.0 / n_cells);
    }
  if (!header && previous != NULL && previous->kind == BLOCK_TABLE_ROW)
    block->header_row = previous->level ? previous : previous->header_row;
}

/* Text setting */

static PangoLayout *
create_layout (UppReportLayout *self,
               const TextStyle *style,
               double           width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (style->font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, style->line_spacing);
  /* A word broken at the end of a line would not be the word the respondent wrote. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);

  pango_attr_list_unref (attrs);
  pango_font_description_free (font);

  return layout;
}

static void
measure_lines (Block *block)
{
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);

  block->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  do
    {
      PangoRectangle logical;
      LineBox box;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) y0 / PANGO_SCALE;
      box.bottom = (double) y1 / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      box.x = (double) logical.x / PANGO_SCALE;
      box.right = (double) (logical.x + logical.width) / PANGO_SCALE;
      g_array_append_val (block->lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
set_layout_text (PangoLayout *layout,
                 const char  *text,
                 gboolean     markup)
{
  PangoAttrList *keep = pango_attr_list_ref (pango_layout_get_attributes (layout));

  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  /* set_markup replaces the attributes: add the ones every layout has back. */
  if (markup)
    {
      PangoAttrList *attrs = pango_layout_get_attributes (layout);

      if (attrs == NULL)
        pango_layout_set_attributes (layout, keep);
      else
        pango_attr_list_insert_before (attrs, pango_attr_insert_hyphens_new (FALSE));
    }
  pango_attr_list_unref (keep);
}

static void
set_block_text (UppReportLayout *self,
                Block           *block)
{
  g_autofree char *text = NULL;

  switch (block->kind)
    {
    case BLOCK_HEADING:
      if (block->number != NULL)
        text = g_strdup_printf ("%s\t%s", block->number, block->text);
      else
        text = g_strdup (block->text);
      block->layout = create_layout (self, block->text_style, block->width);
      if (block->number != NULL)
        {
          /* The number hangs in a column of its own, as in the table of contents. */
          PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT,
                                                                    (int) (block->level == 1
                                                                           ? 30 : 36));
          pango_layout_set_tabs (block->layout, tabs);
          pango_layout_set_indent (block->layout, (block->level == 1 ? -30 : -36) * PANGO_SCALE);
          pango_tab_array_free (tabs);
        }
      set_layout_text (block->layout, text, FALSE);
      break;

    case BLOCK_TEXT:
      block->layout = create_layout (self, block->text_style, block->width);
      set_layout_text (block->layout, block->text, block->markup);
      break;

    case BLOCK_LIST_ITEM:
      {
        /* The bullet hangs; the text and its wrapped lines start one indent in. */
        PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT,
                                                                  (int) LIST_INDENT);

        block->layout = create_layout (self, block->text_style, block->width);
        pango_layout_set_tabs (block->layout, tabs);
        pango_layout_set_indent (block->layout, (int) (-LIST_INDENT * PANGO_SCALE));
        pango_tab_array_free (tabs);
        text = g_strdup_printf ("%s\t%s", block->bullet, block->text);
        set_layout_text (block->layout, text, FALSE);
      }
      break;

    case BLOCK_CONTENTS_ENTRY:
      {
        Block *target = block->target;
        double indent = (target->level - 1) * 18.0;
        double number_column = target->number != NULL ? (target->level == 1 ? 24.0 : 32.0)
                                                      : 0.0;

        block->indent = indent;
        block->layout = create_layout (self, block->text_style,
                                       block->width - indent - CONTENTS_NUMBER_WIDTH - 12.0);
        if (target->number != NULL)
          {
            PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT,
                                                                      (int) number_column);

            pango_layout_set_tabs (block->layout, tabs);
            pango_layout_set_indent (block->layout, (int) (-number_column * PANGO_SCALE));
            pango_tab_array_free (tabs);
            text = g_strdup_printf ("%s\t%s", target->number, target->text);
          }
        else
          {
            text = g_strdup (target->text);
          }
        set_layout_text (block->layout, text, FALSE);
      }
      break;

    case BLOCK_TABLE_ROW:
      block->cell_layouts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; block->cells[i] != NULL; i++)
        {
          PangoLayout *cell = create_layout (self, block->text_style,
                                             block->cell_widths[i] - 2 * CELL_PADDING);
          PangoRectangle logical;

          set_layout_text (cell, block->cells[i], TRUE);
          pango_layout_get_extents (cell, NULL, &logical);
          block->height = MAX (block->height, (double) logical.height / PANGO_SCALE);
          g_ptr_array_add (block->cell_layouts, cell);
        }
      block->height += 2 * CELL_PADDING;
      return;

    case BLOCK_SPACE:
    case BLOCK_DRAWING:
    case BLOCK_PAGE_BREAK:
    case BLOCK_CONTENTS:
    default:
      return;
    }

  measure_lines (block);
}

/* Pagination */

typedef struct
{
  UppReportLayout *self;
  GArray          *page;
  double           y;
} Pager;

static void
pager_new_page (Pager *pager)
{
  pager->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (pager->self->pages, pager->page);
  pager->y = CONTENT_TOP;
}

static gboolean
pager_at_top (Pager *pager)
{
  return pager->y <= CONTENT_TOP;
}

static void
pager_place (Pager  *pager,
             Block  *block,
             guint   first_line,
             guint   n_lines,
             double  y,
             double  scale)
{
  Placement placement = { block, first_line, n_lines, y, scale };

  if (block->page < 0)
    {
      block->page = pager->self->pages->len - 1;
      block->page_y = y;
    }
  g_array_append_val (pager->page, placement);
}

static double
lines_height (Block *block,
              guint  first,
              guint  n)
{
  const LineBox *lines = (const LineBox *) block->lines->data;

  if (n == 0)
    return 0.0;
  return lines[first + n - 1].bottom - lines[first].top;
}

static double
drawing_height (Block *block)
{
  return MIN (block->height, CONTENT_HEIGHT);
}

/* The room a heading at index must find on its page: itself and the start of what follows. */
static double
keep_height (UppReportLayout *self,
             guint            index)
{
  Block *block;
  guint n;

  if (index >= self->blocks->len)
    return 0.0;

  block = g_ptr_array_index (self->blocks, index);
  switch (block->kind)
    {
    case BLOCK_HEADING:
      return block->text_style->space_before + lines_height (block, 0, block->lines->len)
             + block->text_style->space_after + keep_height (self, index + 1);

    case BLOCK_TEXT:
    case BLOCK_LIST_ITEM:
    case BLOCK_CONTENTS_ENTRY:
      n = block->lines->len;
      if (block->text_style->keep_with_next)
        return block->text_style->space_before + lines_height (block, 0, n)
               + block->text_style->space_after + keep_height (self, index + 1);
      /* Three lines cannot be split without leaving one alone. */
      return block->text_style->space_before + lines_height (block, 0, n <= 3 ? n : 2);

    case BLOCK_DRAWING:
      return drawing_height (block);

    case BLOCK_TABLE_ROW:
      if (block->level)
        return block->height + keep_height (self, index + 1);
      return block->height;

    case BLOCK_SPACE:
      return block->height + keep_height (self, index + 1);

    case BLOCK_PAGE_BREAK:
    case BLOCK_CONTENTS:
    default:
      return 0.0;
    }
}

static void
place_text (Pager *pager,
            Block *block)
{
  const LineBox *lines = (const LineBox *) block->lines->data;
  guint n = block->lines->len;
  guint line = 0;

  while (line < n)
    {
      double before = (line == 0 && !pager_at_top (pager)) ? block->text_style->space_before
                                                            : 0.0;
      double room = CONTENT_BOTTOM - pager->y - before;
      guint rest = n - line;
      guint fit = 0;

      while (fit < rest && lines[line + fit].bottom - lines[line].top <= room + 0.01)
        fit++;

      if (fit < rest)
        {
          /* No widow: leave at least two lines for the next page. */
          if (rest - fit == 1 && fit >= 2)
            fit--;
          /* No orphan: never one first line alone at the bottom. */
          if (line == 0 && fit == 1)
            fit = 0;
        }

      if (fit == 0)
        {
          if (!pager_at_top (pager))
            {
              pager_new_page (pager);
              continue;
            }
          fit = 1;  /* a line taller than a page: set it anyway */
        }

      pager_place (pager, block, line, fit, pager->y + before, 1.0);
      pager->y += before + lines_height (block, line, fit);
      line += fit;
      if (line < n)
        pager_new_page (pager);
    }

  pager->y += block->text_style->space_after;
}

static void
paginate_block (Pager *pager,
                guint  index)
{
  UppReportLayout *self = pager->self;
  Block *block = g_ptr_array_index (self->blocks, index);
  double before, height;

  switch (block->kind)
    {
    case BLOCK_PAGE_BREAK:
      if (pager->page->len > 0)
        pager_new_page (pager);
      break;

    case BLOCK_SPACE:
      if (!pager_at_top (pager))
        pager->y += block->height;
      if (pager->y > CONTENT_BOTTOM)
        pager_new_page (pager);
      break;

    case BLOCK_HEADING:
      before = pager_at_top (pager) ? 0.0 : block->text_style->space_before;
      if (pager->y + keep_height (self, index) - block->text_style->space_before + before
          > CONTENT_BOTTOM && !pager_at_top (pager))
        {
          pager_new_page (pager);
          before = 0.0;
        }
      height = lines_height (block, 0, block->lines->len);
      pager_place (pager, block, 0, block->lines->len, pager->y + before, 1.0);
      pager->y += before + height + block->text_style->space_after;
      break;

    case BLOCK_TEXT:
    case BLOCK_LIST_ITEM:
    case BLOCK_CONTENTS_ENTRY:
      /* A list sits closer than paragraphs; what follows it gets the room back. */
      if (block->kind == BLOCK_TEXT && index > 0 && !pager_at_top (pager)
          && ((Block *) g_ptr_array_index (self->blocks, index - 1))->kind == BLOCK_LIST_ITEM)
        pager->y += LIST_AFTER;
      before = pager_at_top (pager) ? 0.0 : block->text_style->space_before;
      if (block->text_style->keep_with_next && !pager_at_top (pager)
          && pager->y + keep_height (self, index) - block->text_style->space_before + before
             > CONTENT_BOTTOM)
        pager_new_page (pager);
      place_text (pager, block);
      break;

    case BLOCK_DRAWING:
      before = pager_at_top (pager) ? 0.0 : 6.0;
      height = drawing_height (block);
      if (pager->y + before + height > CONTENT_BOTTOM && !pager_at_top (pager))
        {
          pager_new_page (pager);
          before = 0.0;
        }
      pager_place (pager, block, 0, 0, pager->y + before, height / block->height);
      pager->y += before + height + 10.0;
      break;

    case BLOCK_TABLE_ROW:
      if (pager->y + keep_height (self, index) > CONTENT_BOTTOM && !pager_at_top (pager))
        {
          pager_new_page (pager);
          if (block->header_row != NULL)
            {
              pager_place (pager, block->header_row, 0, 0, pager->y, 1.0);
              pager->y += block->header_row->height;
            }
        }
      pager_place (pager, block, 0, 0, pager->y, 1.0);
      pager->y += block->height;
      if (index + 1 >= self->blocks->len
          || ((Block *) g_ptr_array_index (self->blocks, index + 1))->kind != BLOCK_TABLE_ROW)
        pager->y += TABLE_AFTER;
      break;

    case BLOCK_CONTENTS:
    default:
      break;
    }
}

/* Replaces the contents placeholder by one entry per heading that goes in the contents. */
static void
expand_contents (UppReportLayout *self)
{
  guint position = G_MAXUINT;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == BLOCK_CONTENTS && position == G_MAXUINT)
        position = i;
      if (block->kind == BLOCK_HEADING && block->in_contents)
        g_ptr_array_add (self->contents, block);
    }

  if (position == G_MAXUINT)
    return;

  for (guint i = 0; i < self->contents->len; i++)
    {
      Block *heading = g_ptr_array_index (self->contents, i);
      Block *entry = g_new0 (Block, 1);
      guint style = MIN (heading->level, G_N_ELEMENTS (contents_styles)) - 1;

      entry->kind = BLOCK_CONTENTS_ENTRY;
      entry->page = -1;
      entry->width = TEXT_WIDTH;
      entry->target = heading;
      entry->text_style = &contents_styles[style];
      g_ptr_array_insert (self->blocks, position + 1 + i, entry);
    }
}

guint
upp_report_layout_paginate (UppReportLayout *self)
{
  Pager pager = { self, NULL, 0.0 };

  g_return_val_if_fail (UPP_IS_REPORT_LAYOUT (self), 0);

  if (self->paginated)
    return self->pages->len;
  self->paginated = TRUE;

  expand_contents (self);
  for (guint i = 0; i < self->blocks->len; i++)
    set_block_text (self, g_ptr_array_index (self->blocks, i));

  pager_new_page (&pager);
  for (guint i = 0; i < self->blocks->len; i++)
    paginate_block (&pager, i);

  /* A page break or space at the very end leaves an empty page. */
  if (self->pages->len > 1 && pager.page->len == 0)
    g_ptr_array_remove_index (self->pages, self->pages->len - 1);

  return self->pages->len;
}

guint
upp_report_layout_get_n_pages (UppReportLayout *self)
{
  g_return_val_if_fail (UPP_IS_REPORT_LAYOUT (self), 0);

  return upp_report_layout_paginate (self);
}

guint
upp_report_layout_get_n_contents (UppReportLayout *self)
{
  g_return_val_if_fail (UPP_IS_REPORT_LAYOUT (self), 0);

  upp_report_layout_paginate (self);
  return self->contents->len;
}

guint
upp_report_layout_get_contents_page (UppReportLayout *self,
                                     guint            entry)
{
  Block *heading;

  g_return_val_if_fail (UPP_IS_REPORT_LAYOUT (self), 0);

  upp_report_layout_paginate (self);
  if (entry >= self->contents->len)
    return 0;
  heading = g_ptr_array_index (self->contents, entry);
  return heading->page + 1;
}

/* Drawing */

static gboolean
is_pdf (cairo_t *cr)
{
  return cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_PDF;
}

static char *
link_attributes (Block *heading)
{
  /* Integers only: a locale with a decimal comma must not reach the attribute parser. */
  return g_strdup_printf ("page=%d pos=[%d %d]", heading->page + 1, (int) MARGIN_LEFT,
                          (int) floor (MAX (heading->page_y - 6.0, 0.0)));
}

static void
draw_lines (cairo_t   *cr,
            Block     *block,
            Placement *placement,
            double     x)
{
  const LineBox *lines = (const LineBox *) block->lines->data;
  double top = lines[placement->first_line].top;

  for (guint i = placement->first_line; i < placement->first_line + placement->n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, (int) i);

      cairo_move_to (cr, x + lines[i].x, placement->y + lines[i].baseline - top);
      pango_cairo_show_layout_line (cr, line);
    }
}

static void
draw_contents_entry (UppReportLayout *self,
                     cairo_t         *cr,
                     Block           *block,
                     Placement       *placement)
{
  const LineBox *lines = (const LineBox *) block->lines->data;
  guint last = placement->first_line + placement->n_lines - 1;
  gboolean ends_here = last == block->lines->len - 1;
  double x = MARGIN_LEFT + block->indent;
  g_autofree char *link = link_attributes (block->target);

  if (is_pdf (cr))
    cairo_tag_begin (cr, CAIRO_TAG_LINK, link);

  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_lines (cr, block, placement, x);

  if (ends_here)
    {
      g_autoptr(PangoLayout) number = create_layout (self, block->text_style,
                                                     CONTENTS_NUMBER_WIDTH);
      g_autofree char *text = g_strdup_printf ("%d", block->target->page + 1);
      double baseline = placement->y + lines[last].baseline - lines[placement->first_line].top;
      double right = UPP_REPORT_PAGE_WIDTH - MARGIN_RIGHT;
      double leader_start = x + lines[last].right + 6.0;
      double leader_end = right - CONTENTS_NUMBER_WIDTH - 4.0;
      PangoLayoutLine *line;

      pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
      set_layout_text (number, text, FALSE);
      line = pango_layout_get_line_readonly (number, 0);
      {
        PangoRectangle logical;

        pango_layout_line_get_extents (line, NULL, &logical);
        cairo_move_to (cr, right - (double) logical.width / PANGO_SCALE, baseline);
      }
      pango_cairo_show_layout_line (cr, line);

      /* Dot leaders, drawn rather than set so the text of the page stays clean. */
      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      for (double dot = ceil (leader_start / 4.5) * 4.5; dot < leader_end; dot += 4.5)
        {
          cairo_arc (cr, dot, baseline - 0.6, 0.55, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }

  if (is_pdf (cr))
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

static void
draw_table_row (cairo_t   *cr,
                Block     *block,
                Placement *placement)
{
  const TextStyle *style = block->text_style;
  double x = MARGIN_LEFT;

  if (block->level)
    {
      cairo_set_source_rgb (cr, 0.90, 0.93, 0.96);
      cairo_rectangle (cr, MARGIN_LEFT, placement->y, TEXT_WIDTH, block->height);
      cairo_fill (cr);
    }

  cairo_set_source_rgb (cr, style->red, style->green, style->blue);
  for (guint i = 0; i < block->cell_layouts->len; i++)
    {
      cairo_move_to (cr, x + CELL_PADDING, placement->y + CELL_PADDING);
      pango_cairo_show_layout (cr, g_ptr_array_index (block->cell_layouts, i));
      x += block->cell_widths[i];
    }

  /* Rules under each row only, as in the model report's tables. */
  cairo_set_source_rgb (cr, 0.55, 0.62, 0.70);
  cairo_set_line_width (cr, block->level ? 0.8 : 0.4);
  cairo_move_to (cr, MARGIN_LEFT, placement->y + block->height);
  cairo_line_to (cr, MARGIN_LEFT + TEXT_WIDTH, placement->y + block->height);
  cairo_stroke (cr);
}

static const TextStyle furniture = { SANS " 8", 0.35, 0.35, 0.35, 1.0, 0, 0 };

static void
draw_running_header (UppReportLayout *self,
                     cairo_t         *cr)
{

  cairo_set_source_rgb (cr, furniture.red, furniture.green, furniture.blue);
  if (self->running_header != NULL)
    {
      if (self->header_layout == NULL)
        {
          self->header_layout = create_layout (self, &furniture, TEXT_WIDTH);
          pango_layout_set_ellipsize (self->header_layout, PANGO_ELLIPSIZE_END);
          set_layout_text (self->header_layout, self->running_header, FALSE);
        }
      cairo_move_to (cr, MARGIN_LEFT, HEADER_BASELINE);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (self->header_layout, 0));

      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_LEFT, HEADER_BASELINE + 7.0);
      cairo_line_to (cr, UPP_REPORT_PAGE_WIDTH - MARGIN_RIGHT, HEADER_BASELINE + 7.0);
      cairo_stroke (cr);
    }
}

/* Drawn after the page's text, so the number also comes last in the PDF's text. */
static void
draw_page_number (UppReportLayout *self,
                  cairo_t         *cr,
                  guint            page)
{
  g_autoptr(PangoLayout) number = NULL;
  g_autofree char *text = g_strdup_printf ("%u", page + 1);
  PangoRectangle logical;

  cairo_set_source_rgb (cr, furniture.red, furniture.green, furniture.blue);
  number = create_layout (self, &furniture, TEXT_WIDTH);
  set_layout_text (number, text, FALSE);
  pango_layout_line_get_extents (pango_layout_get_line_readonly (number, 0), NULL, &logical);
  cairo_move_to (cr, UPP_REPORT_PAGE_WIDTH - MARGIN_RIGHT - (double) logical.width / PANGO_SCALE,
                 FOOTER_BASELINE);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (number, 0));
}

void
upp_report_layout_draw_page (UppReportLayout *self,
                             cairo_t         *cr,
                             guint            page)
{
  GArray *placements;

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (cr != NULL);

  upp_report_layout_paginate (self);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);
  cairo_save (cr);

  if (page > 0)
    draw_running_header (self, cr);

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);
      Block *block = placement->block;
      const TextStyle *style = block->text_style;

      switch (block->kind)
        {
        case BLOCK_HEADING:
        case BLOCK_TEXT:
        case BLOCK_LIST_ITEM:
          cairo_set_source_rgb (cr, style->red, style->green, style->blue);
          draw_lines (cr, block, placement, MARGIN_LEFT + block->indent);
          break;

        case BLOCK_CONTENTS_ENTRY:
          draw_contents_entry (self, cr, block, placement);
          break;

        case BLOCK_TABLE_ROW:
          draw_table_row (cr, block, placement);
          break;

        case BLOCK_DRAWING:
          cairo_save (cr);
          cairo_translate (cr, MARGIN_LEFT, placement->y);
          cairo_scale (cr, placement->scale, placement->scale);
          block->draw (cr, TEXT_WIDTH / placement->scale, block->height, block->draw_data);
          cairo_restore (cr);
          break;

        case BLOCK_SPACE:
        case BLOCK_PAGE_BREAK:
        case BLOCK_CONTENTS:
        default:
          break;
        }
    }

  if (page > 0)
    draw_page_number (self, cr, page);

  cairo_restore (cr);
}

void
upp_report_layout_add_pdf_outline (UppReportLayout *self,
                                   cairo_surface_t *pdf_surface)
{
  int parents[4] = { CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT,
                     CAIRO_PDF_OUTLINE_ROOT };

  g_return_if_fail (UPP_IS_REPORT_LAYOUT (self));

  upp_report_layout_paginate (self);
  for (guint i = 0; i < self->contents->len; i++)
    {
      Block *heading = g_ptr_array_index (self->contents, i);
      g_autofree char *link = link_attributes (heading);
      g_autofree char *name = heading->number != NULL
                              ? g_strdup_printf ("%s %s", heading->number, heading->text)
                              : g_strdup (heading->text);
      guint level = MIN (heading->level, 3);
      int id;

      id = cairo_pdf_surface_add_outline (pdf_surface, parents[level - 1], name, link,
                                          level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      for (guint l = level; l < G_N_ELEMENTS (parents); l++)
        parents[l] = id;
    }
}
