/* upp-comparison-view.c: the units-by-questions matrix of a round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-comparison-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-answer.h"
#include "upp-comparison-cell.h"
#include "upp-comparison-view.h"
#include "upp-enums.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-template.h"
#include "upp-unit.h"

/* The matrix is two column views side by side: the unit names on the left, the status and
 * one column per question on the right. They share the rows (one selection model), scroll
 * together vertically, and every cell is the same number of lines high, so the unit column
 * stays in place while the answers scroll sideways under a header that stays on top.
 *
 * Grouped by county part, the rows are a list of their own: a heading (a GtkStringObject
 * with the part's name) before the units of each part, the units without one last. */

#define COLUMN_UNIT   ":unit"
#define COLUMN_STATUS ":status"

#define SHORT_LINES   4
#define LONG_LINES    12

struct _UppComparisonView
{
  GtkWidget           parent_instance;

  UppSession         *session;
  UppRound           *round;
  UppTemplate        *template;
  /* The session's live model of the round's responses; NULL without a round. */
  GListModel         *responses;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  /* The filtered units under their county parts' headings, when grouped. */
  GListStore         *grouped;
  gboolean            group_by_sub_area;
  /* Hidden, the rows changed: headings and match counts are made again when shown. */
  gboolean            changed_while_hidden;
  /* The unit column scrolls with the answers; NULL while the rows are laid out anew. */
  GBinding           *scroll_binding;
  GdkFrameClock      *rebind_clock;
  gboolean            scroll_to_top;   /* once laid out anew, after grouping changed */
  GtkSingleSelection *selection;
  /* The unit filter: the names of the units and county parts chosen; none is all. */
  GHashTable         *chosen_units;
  GHashTable         *chosen_parts;
  char               *unit_list_names;  /* the parts and units the list was made of */
  gboolean            setting_checks;
  /* The question columns in order, their titles without a search and their matches. */
  GPtrArray          *question_columns;
  GPtrArray          *question_titles;
  GPtrArray          *question_tooltips;
  GArray             *match_counts;
  /* Bound cells, to refresh the highlight when the search changes. */
  GHashTable         *cells;
  char               *search_text;
  guint               lines;
  UppResponse        *detail_response;
  char               *detail_key;
  guint               scroll_idle_id;
  gboolean            setting_entry;

  /* Template widgets */
  GtkLabel           *count_label;
  GtkBox             *detail_box;
  GtkLabel           *detail_status;
  GtkScrolledWindow  *detail_scroller;
  GtkLabel           *detail_title;
  GtkToggleButton    *expand_button;
  AdwFlap            *flap;
  GtkToggleButton    *group_button;
  GtkColumnView      *matrix_view;
  GtkScrolledWindow  *matrix_scroller;
  GtkSearchEntry     *search_entry;
  GtkButton          *matches_button;
  GtkStack           *stack;
  GtkMenuButton      *unit_button;
  GtkLabel           *unit_button_label;
  GtkListBox         *unit_list;
  GtkSearchEntry     *unit_search_entry;
  GtkScrolledWindow  *unit_scroller;
  GtkColumnView      *unit_view;
};

G_DEFINE_FINAL_TYPE (UppComparisonView, upp_comparison_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  PROP_GROUP_BY_SUB_AREA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
text_contains (const char *haystack,
               const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle_folded) != NULL;
}

/* The labels of the chosen codes, joined, or NULL. */
static char *
dup_choice_labels (UppQuestion *question,
                   UppAnswer   *answer)
{
  const char * const *codes;
  g_autoptr(GString) labels = NULL;

  if (question == NULL || answer == NULL)
    return NULL;
  codes = upp_answer_get_choices (answer);
  if (codes == NULL || codes[0] == NULL)
    return NULL;

  labels = g_string_new (NULL);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const UppChoice *choice = upp_question_find_choice (question, codes[i]);

      if (labels->len > 0)
        g_string_append (labels, ", ");
      g_string_append (labels, choice != NULL ? choice->label : codes[i]);
    }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* What a cell shows besides the chosen labels: the item fields, then the answer's text, or a
 * table's rows one per line. */
static char *
dup_answer_text (UppResponse *response,
                 UppQuestion *question,
                 UppAnswer   *answer)
{
  g_autofree char *fields = NULL;
  g_autofree char *text = NULL;

  if (question != NULL && upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
    return upp_response_dup_table_text (response, question);

  if (answer != NULL)
    {
      text = g_strdup (upp_answer_get_text (answer));
      /* Trailing blank lines of imported cells would only push the text out of sight. */
      g_strchomp (text);
    }
  if (question != NULL)
    fields = upp_response_dup_fields_text (response, question);
  if (fields == NULL)
    return g_steal_pointer (&text);
  if (text == NULL || *text == '\0')
    return g_steal_pointer (&fields);
  return g_strconcat (fields, "\n", text, NULL);
}

/* The number of rows of a table question, as the cell's first line. */
static char *
dup_table_summary (UppResponse *response,
                   UppQuestion *question)
{
  g_auto(GStrv) rows = NULL;
  guint n;

  if (question == NULL || upp_question_get_kind (question) != UPP_QUESTION_KIND_TABLE)
    return NULL;
  rows = upp_response_list_table_rows (response, upp_question_get_key (question));
  n = rows != NULL ? g_strv_length (rows) : 0;
  if (n == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);
}

static char *
dup_progress (UppComparisonView *self,
              UppResponse       *response)
{
  guint n_questions = upp_template_get_n_questions (self->template);
  guint n_answered = upp_response_count_answered (response, self->template);

  /* Translators: how many of a template's questions a unit has answered, e.g. "4 of 6
   * questions answered". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u question answered",
                                       "%u of %u questions answered", n_questions),
                          n_answered, n_questions);
}

static gboolean
unit_is_chosen (UppComparisonView *self,
                UppResponse       *response)
{
  const char *part = upp_unit_get_sub_area (upp_response_get_unit (response));

  if (g_hash_table_size (self->chosen_units) == 0 && g_hash_table_size (self->chosen_parts) == 0)
    return TRUE;
  return g_hash_table_contains (self->chosen_units, upp_response_get_unit_name (response)) ||
         (part != NULL && *part != '\0' && g_hash_table_contains (self->chosen_parts, part));
}

/* Whether the question's cell of the response holds the (case-folded) search. */
static gboolean
answer_matches (UppResponse *response,
                UppQuestion *question,
                const char  *needle_folded)
{
  UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));
  g_autofree char *labels = dup_choice_labels (question, answer);
  g_autofree char *text = dup_answer_text (response, question, answer);

  return text_contains (text, needle_folded) || text_contains (labels, needle_folded);
}

static gboolean
filter_response (gpointer item,
                 gpointer user_data)
{
  UppComparisonView *self = user_data;
  UppResponse *response = item;
  const char *unit_name = upp_response_get_unit_name (response);
  g_autofree char *needle = NULL;
  guint n;

  if (!unit_is_chosen (self, response))
    return FALSE;

  if (self->search_text == NULL || *self->search_text == '\0' || self->template == NULL)
    return TRUE;

  needle = g_utf8_casefold (self->search_text, -1);
  if (text_contains (unit_name, needle))
    return TRUE;

  n = upp_template_get_n_questions (self->template);
  for (guint i = 0; i < n; i++)
    if (answer_matches (response, upp_template_get_question (self->template, i), needle))
      return TRUE;

  return FALSE;
}

static void
refresh_cell (UppComparisonView *self,
              UppComparisonCell *cell)
{
  GObject *item = upp_comparison_cell_get_row_item (cell);
  UppResponse *response = UPP_IS_RESPONSE (item) ? UPP_RESPONSE (item) : NULL;
  const char *key = upp_comparison_cell_get_column_key (cell);
  const char *highlight = self->search_text;
  UppQuestion *question;
  UppAnswer *answer;
  g_autofree char *labels = NULL;
  g_autofree char *text = NULL;

  /* A county part's heading: its name in the unit column, one line high across the row. */
  if (GTK_IS_STRING_OBJECT (upp_comparison_cell_get_row_item (cell)))
    {
      GtkStringObject *heading = GTK_STRING_OBJECT (upp_comparison_cell_get_row_item (cell));

      upp_comparison_cell_set_lines (cell, 1);
      upp_comparison_cell_set_heading (cell, g_strcmp0 (key, COLUMN_UNIT) == 0
                                             ? gtk_string_object_get_string (heading) : NULL);
      return;
    }

  upp_comparison_cell_set_lines (cell, self->lines);

  if (response == NULL || key == NULL || self->template == NULL)
    {
      upp_comparison_cell_set_content (cell, NULL, NULL, NULL);
      return;
    }

  if (g_str_equal (key, COLUMN_UNIT))
    {
      upp_comparison_cell_set_content (cell, upp_response_get_unit_name (response), NULL,
                                       highlight);
      return;
    }

  if (g_str_equal (key, COLUMN_STATUS))
    {
      g_autofree char *progress = dup_progress (self, response);

      upp_comparison_cell_set_content (cell,
                                       upp_response_status_get_label (upp_response_get_status (response)),
                                       progress, NULL);
      return;
    }

  question = upp_template_find_question (self->template, key);
  answer = upp_response_get_answer (response, key);
  labels = dup_choice_labels (question, answer);
  if (labels == NULL)
    labels = dup_table_summary (response, question);
  text = dup_answer_text (response, question, answer);
  upp_comparison_cell_set_content (cell, labels, text, highlight);
}

static void
refresh_all_cells (UppComparisonView *self)
{
  GHashTableIter iter;
  gpointer cell;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    refresh_cell (self, cell);
}

static void
bind_scrolling (UppComparisonView *self)
{
  GtkAdjustment *unit_adjustment = gtk_scrolled_window_get_vadjustment (self->unit_scroller);
  GtkAdjustment *matrix_adjustment = gtk_scrolled_window_get_vadjustment (self->matrix_scroller);

  if (self->scroll_binding != NULL)
    return;
  self->scroll_binding = g_object_bind_property (matrix_adjustment, "value",
                                                 unit_adjustment, "value",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
on_rows_laid_out_cb (GdkFrameClock     *clock,
                     UppComparisonView *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_rows_laid_out_cb, self);
  g_clear_object (&self->rebind_clock);
  bind_scrolling (self);
  if (self->scroll_to_top)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->matrix_scroller), 0);
  self->scroll_to_top = FALSE;
}

/* GTK 4.8 gives new rows no height until they are laid out: a view laid out first would
 * scroll the other to a place it does not have yet (and warn). Each scrolls on its own
 * until the frame that lays out both is drawn. */
static void
unbind_scrolling_for_a_frame (UppComparisonView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->scroll_binding == NULL)
    return;
  g_clear_pointer (&self->scroll_binding, g_binding_unbind);
  self->rebind_clock = g_object_ref (clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_rows_laid_out_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/* The rows the views show: the filtered units, or those under their parts' headings. */
static GListModel *
get_rows (UppComparisonView *self)
{
  return self->group_by_sub_area ? G_LIST_MODEL (self->grouped)
                                 : G_LIST_MODEL (self->filtered);
}

static int
compare_sub_areas (gconstpointer a,
                   gconstpointer b)
{
  const char *part_a = *(const char * const *) a;
  const char *part_b = *(const char * const *) b;

  /* Units without a part come last. */
  if (*part_a == '\0' || *part_b == '\0')
    return (*part_a == '\0') - (*part_b == '\0');
  return g_utf8_collate (part_a, part_b);
}

/* Lays the filtered units out under a heading per county part, each part's units in the
 * order the round lists them. */
static void
regroup (UppComparisonView *self)
{
  GListModel *filtered = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (filtered);
  g_autoptr(GHashTable) by_part = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (!self->group_by_sub_area)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (filtered, i);
      const char *part = upp_unit_get_sub_area (upp_response_get_unit (response));
      GPtrArray *members = g_hash_table_lookup (by_part, part);

      if (members == NULL)
        {
          members = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_part, (gpointer) part, members);
          g_ptr_array_add (parts, (gpointer) part);
        }
      g_ptr_array_add (members, g_object_ref (response));
    }
  g_ptr_array_sort (parts, compare_sub_areas);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      GPtrArray *members = g_hash_table_lookup (by_part, part);

      g_ptr_array_add (rows, gtk_string_object_new (*part != '\0' ? part
                                                    : _("Without county part")));
      for (guint j = 0; j < members->len; j++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (members, j)));
    }
  unbind_scrolling_for_a_frame (self);
  g_list_store_splice (self->grouped, 0, g_list_model_get_n_items (G_LIST_MODEL (self->grouped)),
                       rows->pdata, rows->len);
}

static void
update_count (UppComparisonView *self)
{
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_total = self->responses != NULL ? g_list_model_get_n_items (self->responses) : 0;
  g_autofree char *text = NULL;

  if (self->round == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      gtk_label_set_text (self->count_label, "");
      return;
    }

  /* Translators: units shown by the comparison filters, e.g. "3 of 11 units shown". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u unit shown", "%u of %u units shown",
                                       n_total),
                          n_visible, n_total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n_visible > 0 ? "matrix" : "empty");
}

static void update_match_hints (UppComparisonView *self);

static void
on_filtered_items_changed_cb (UppComparisonView *self,
                              guint              position,
                              guint              removed,
                              guint              added,
                              GListModel        *model)
{
  /* Not for every change nobody sees (each save in the form, regrouping every row). */
  if (self->round == NULL && self->session != NULL)
    {
      self->changed_while_hidden = TRUE;
      return;
    }
  self->changed_while_hidden = FALSE;
  regroup (self);
  update_count (self);
  update_match_hints (self);
}

/* Detail panel: every answer of one unit in full */

static GtkWidget *
make_detail_label (const char *text,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Keeps the side panel a readable column instead of as wide as the longest answer. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static gboolean
scroll_to_detail_cb (gpointer user_data)
{
  UppComparisonView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->detail_scroller);
  GtkWidget *target = NULL;
  graphene_rect_t bounds;

  self->scroll_idle_id = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "question-key"), self->detail_key) == 0)
        target = child;
    }

  if (target == NULL || !gtk_widget_compute_bounds (target, GTK_WIDGET (self->detail_box), &bounds))
    {
      gtk_adjustment_set_value (adjustment, 0.0);
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment, bounds.origin.y);
  return G_SOURCE_REMOVE;
}

static void
show_detail (UppComparisonView *self,
             UppResponse       *response,
             const char        *question_key)
{
  GtkWidget *child;
  g_autofree char *progress = NULL;
  g_autofree char *status = NULL;
  const char *previous_section;
  guint n;

  g_set_object (&self->detail_response, response);
  g_free (self->detail_key);
  self->detail_key = g_strdup (question_key);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);

  if (response == NULL || self->template == NULL)
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      return;
    }

  gtk_label_set_text (self->detail_title, upp_response_get_unit_name (response));
  progress = dup_progress (self, response);
  /* Translators: a unit's response status and progress, e.g. "Done · 4 of 6 answered". */
  status = g_strdup_printf (C_("comparison", "%s · %s"),
                            upp_response_status_get_label (upp_response_get_status (response)),
                            progress);
  gtk_label_set_text (self->detail_status, status);

  previous_section = NULL;
  n = upp_template_get_n_questions (self->template);
  for (guint i = 0; i < n; i++)
    {
      UppQuestion *question = upp_template_get_question (self->template, i);
      const char *key = upp_question_get_key (question);
      UppAnswer *answer = upp_response_get_answer (response, key);
      const char *section_key = upp_question_get_section (question);
      const char *sub_heading = upp_question_get_heading (question);
      g_autofree char *heading = upp_question_dup_title (question, TRUE);
      g_autofree char *labels = dup_choice_labels (question, answer);
      g_autofree char *text = dup_answer_text (response, question, answer);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *widget;

      /* A part's title before its first question, a sub-heading before the items under it. */
      if (section_key != NULL && g_strcmp0 (section_key, previous_section) != 0)
        {
          g_autofree char *title = upp_template_dup_section_heading (self->template,
                                                                      section_key);

          if (title != NULL)
            gtk_box_append (self->detail_box, make_detail_label (title, "title-4"));
        }
      previous_section = section_key;
      if (sub_heading != NULL && *sub_heading != '\0')
        gtk_box_append (self->detail_box, make_detail_label (sub_heading, "caption-heading"));
      if (labels == NULL)
        labels = dup_table_summary (response, question);

      g_object_set_data_full (G_OBJECT (box), "question-key", g_strdup (key), g_free);
      gtk_box_append (GTK_BOX (box), make_detail_label (heading, "heading"));
      widget = make_detail_label (upp_question_get_text (question), "dim-label");
      gtk_widget_add_css_class (widget, "caption");
      gtk_box_append (GTK_BOX (box), widget);

      if (labels != NULL)
        {
          widget = make_detail_label (labels, "caption-heading");
          gtk_label_set_attributes (GTK_LABEL (widget),
                                    upp_comparison_cell_highlight_attributes (labels, 0,
                                                                         self->search_text,
                                                                         NULL));
          gtk_box_append (GTK_BOX (box), widget);
        }

      if (text != NULL && *text != '\0')
        {
          g_autoptr(PangoAttrList) attrs = NULL;

          widget = make_detail_label (text, NULL);
          gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
          attrs = upp_comparison_cell_highlight_attributes (text, 0, self->search_text, NULL);
          gtk_label_set_attributes (GTK_LABEL (widget), attrs);
          gtk_box_append (GTK_BOX (box), widget);
        }
      else if (labels == NULL)
        {
          gtk_box_append (GTK_BOX (box), make_detail_label (C_("comparison", "No answer"), "dim-label"));
        }

      if (g_strcmp0 (key, question_key) == 0)
        gtk_widget_add_css_class (box, "comparison-detail-current");
      gtk_box_append (self->detail_box, box);
    }

  adw_flap_set_reveal_flap (self->flap, TRUE);
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  self->scroll_idle_id = g_idle_add_full (G_PRIORITY_LOW, scroll_to_detail_cb, self, NULL);
}

static void
select_response (UppComparisonView *self,
                 UppResponse       *response)
{
  GListModel *rows = get_rows (self);
  guint n = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (item == G_OBJECT (response))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
on_cell_released_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     gpointer         user_data)
{
  UppComparisonView *self = user_data;
  UppComparisonCell *cell;
  GObject *item;
  const char *key;

  cell = UPP_COMPARISON_CELL (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  item = upp_comparison_cell_get_row_item (cell);
  if (!UPP_IS_RESPONSE (item))
    return;

  key = upp_comparison_cell_get_column_key (cell);
  if (key != NULL && key[0] == ':')
    key = NULL;
  select_response (self, UPP_RESPONSE (item));
  show_detail (self, UPP_RESPONSE (item), key);
}

static void
on_row_activate_cb (UppComparisonView *self,
                    guint              position,
                    GtkColumnView     *view)
{
  g_autoptr(GObject) item = g_list_model_get_item (get_rows (self), position);

  if (UPP_IS_RESPONSE (item))
    show_detail (self, UPP_RESPONSE (item), NULL);
}

static void
on_detail_close_cb (UppComparisonView *self,
                    GtkButton         *button)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Columns */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               UppComparisonView        *self)
{
  GtkWidget *cell = upp_comparison_cell_new (self->lines);
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "released", G_CALLBACK (on_cell_released_cb), self);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              UppComparisonView        *self)
{
  UppComparisonCell *cell = UPP_COMPARISON_CELL (gtk_list_item_get_child (list_item));
  const char *key = g_object_get_data (G_OBJECT (factory), "column-key");

  gboolean is_heading = GTK_IS_STRING_OBJECT (gtk_list_item_get_item (list_item));

  /* Items are reused: a row that was a heading may now be a unit's. */
  gtk_list_item_set_selectable (list_item, !is_heading);
  gtk_list_item_set_activatable (list_item, !is_heading);
  upp_comparison_cell_set_position (cell, gtk_list_item_get_item (list_item), key);
  g_hash_table_add (self->cells, cell);
  refresh_cell (self, cell);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                UppComparisonView        *self)
{
  UppComparisonCell *cell = UPP_COMPARISON_CELL (gtk_list_item_get_child (list_item));

  g_hash_table_remove (self->cells, cell);
  upp_comparison_cell_set_position (cell, NULL, NULL);
}

static void
teardown_cell_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  UppComparisonView        *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (cell != NULL)
    g_hash_table_remove (self->cells, cell);
}

static GtkColumnViewColumn *
make_column (UppComparisonView *self,
             const char        *title,
             const char        *key,
             int                width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data_full (G_OBJECT (factory), "column-key", g_strdup (key), g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cell_cb), self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (column, width);
  return column;
}

static void
remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

/* GTK 4.8 has no tooltip for a column header; the header row holds one title widget per
 * column, in column order. */
static void
set_header_tooltips (UppComparisonView *self,
                     GPtrArray         *tooltips)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      guint i = 0;

      if (g_strcmp0 (gtk_widget_get_css_name (child), "header") != 0)
        continue;

      for (GtkWidget *title = gtk_widget_get_first_child (child);
           title != NULL && i < tooltips->len;
           title = gtk_widget_get_next_sibling (title), i++)
        {
          const char *tooltip = g_ptr_array_index (tooltips, i);

          gtk_widget_set_tooltip_text (title, tooltip);
          if (tooltip != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (title),
                                            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
        }
    }
}

/* Where the search matches: the number of units shown whose answer matches, in the title
 * and tooltip of each question's column; a button tells of matches in columns out of sight,
 * and it (or Enter in the search) scrolls to the next column with matches. */

/* The left edge and width of the matrix's column i (0 is the status column). */
static void
get_column_extent (UppComparisonView *self,
                   guint              i,
                   double            *x,
                   double            *width)
{
  GListModel *columns = gtk_column_view_get_columns (self->matrix_view);

  *x = 0;
  *width = 0;
  for (guint j = 0; j <= i && j < g_list_model_get_n_items (columns); j++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, j);
      int fixed = gtk_column_view_column_get_fixed_width (column);

      *x += *width;
      *width = MAX (fixed, 0);
    }
}

/* Whether less than half of the column (or of the view, when narrower) is in sight. */
static gboolean
column_is_out_of_sight (UppComparisonView *self,
                        guint              i)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->matrix_scroller);
  double left = gtk_adjustment_get_value (adjustment);
  double right = left + gtk_adjustment_get_page_size (adjustment);
  double x, width, seen;

  get_column_extent (self, i, &x, &width);
  seen = MIN (x + width, right) - MAX (x, left);
  return seen < MIN (width, right - left) / 2;
}

static void
update_matches_button (UppComparisonView *self)
{
  GtkAdjustment *adjustment;
  g_autofree char *label = NULL;
  guint out_of_sight = 0;

  /* The scroller reports its adjustment while the view is taken down. */
  if (self->matches_button == NULL || self->matrix_scroller == NULL)
    return;
  adjustment = gtk_scrolled_window_get_hadjustment (self->matrix_scroller);
  if (self->match_counts == NULL || gtk_adjustment_get_page_size (adjustment) <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->matches_button), FALSE);
      return;
    }
  for (guint i = 0; i < self->match_counts->len; i++)
    {
      guint count = g_array_index (self->match_counts, guint, i);

      if (count > 0 && column_is_out_of_sight (self, i + 1))
        out_of_sight += count;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->matches_button), out_of_sight > 0);
  if (out_of_sight == 0)
    return;
  /* Translators: a button over the comparison; the arrow points at where they are. */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match in columns out of sight →",
                                        "%u matches in columns out of sight →", out_of_sight),
                           out_of_sight);
  gtk_button_set_label (self->matches_button, label);
}

static void
update_match_hints (UppComparisonView *self)
{
  g_autoptr(GPtrArray) tooltips = NULL;
  g_autofree char *needle = NULL;
  GListModel *shown = G_LIST_MODEL (self->filtered);
  guint n_shown = g_list_model_get_n_items (shown);

  if (self->question_columns == NULL || self->template == NULL)
    return;

  if (self->search_text != NULL)
    needle = g_utf8_casefold (self->search_text, -1);
  tooltips = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (tooltips, g_strdup (C_("comparison", "Response status and answered questions")));
  g_array_set_size (self->match_counts, self->question_columns->len);
  for (guint i = 0; i < self->question_columns->len; i++)
    {
      UppQuestion *question = upp_template_get_question (self->template, i);
      const char *title = g_ptr_array_index (self->question_titles, i);
      const char *tooltip = g_ptr_array_index (self->question_tooltips, i);
      guint count = 0;

      for (guint r = 0; needle != NULL && r < n_shown; r++)
        {
          g_autoptr(UppResponse) response = g_list_model_get_item (shown, r);

          count += answer_matches (response, question, needle);
        }
      g_array_index (self->match_counts, guint, i) = count;

      if (count > 0)
        {
          g_autofree char *with_count = g_strdup_printf ("%s (%u)", title, count);
          g_autofree char *matches = NULL;

          matches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u unit matches the search here.",
                                                  "%u units match the search here.", count),
                                     count);
          gtk_column_view_column_set_title (g_ptr_array_index (self->question_columns, i),
                                            with_count);
          g_ptr_array_add (tooltips, g_strdup_printf ("%s\n%s", tooltip, matches));
        }
      else
        {
          gtk_column_view_column_set_title (g_ptr_array_index (self->question_columns, i),
                                            title);
          g_ptr_array_add (tooltips, g_strdup (tooltip));
        }
    }
  set_header_tooltips (self, tooltips);
  update_matches_button (self);
}

/* Scrolls the next column with matches right of the left edge, not yet wholly in sight, into
 * sight; after the last, the first again. FALSE when no column has any. */
static gboolean
scroll_to_next_match (UppComparisonView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->matrix_scroller);
  double left = gtk_adjustment_get_value (adjustment);
  double right = left + gtk_adjustment_get_page_size (adjustment);
  double first = -1, target = -1;

  if (self->match_counts == NULL)
    return FALSE;
  for (guint i = 0; i < self->match_counts->len; i++)
    {
      double x, width;

      if (g_array_index (self->match_counts, guint, i) == 0)
        continue;
      get_column_extent (self, i + 1, &x, &width);
      if (first < 0)
        first = x;
      if (target < 0 && x > left + 1 && x + width > right + 1)
        target = x;
    }
  if (first < 0)
    return FALSE;
  gtk_adjustment_set_value (adjustment, target >= 0 ? target : first);
  return TRUE;
}

static void
on_matches_clicked_cb (UppComparisonView *self,
                       GtkButton         *button)
{
  scroll_to_next_match (self);
}

static void
on_search_activate_cb (UppComparisonView *self,
                       GtkSearchEntry    *entry)
{
  scroll_to_next_match (self);
}

static void
rebuild_columns (UppComparisonView *self)
{
  g_autoptr(GPtrArray) tooltips = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkColumnViewColumn) unit_column = NULL;
  g_autoptr(GtkColumnViewColumn) status_column = NULL;
  guint n;

  remove_columns (self->unit_view);
  remove_columns (self->matrix_view);
  g_ptr_array_set_size (self->question_columns, 0);
  g_ptr_array_set_size (self->question_titles, 0);
  g_ptr_array_set_size (self->question_tooltips, 0);
  g_array_set_size (self->match_counts, 0);
  if (self->template == NULL)
    return;

  unit_column = make_column (self, C_("comparison", "Unit"), COLUMN_UNIT, 180);
  gtk_column_view_append_column (self->unit_view, unit_column);

  status_column = make_column (self, C_("comparison", "Status"), COLUMN_STATUS, 170);
  gtk_column_view_append_column (self->matrix_view, status_column);
  g_ptr_array_add (tooltips, g_strdup (C_("comparison", "Response status and answered questions")));

  n = upp_template_get_n_questions (self->template);
  for (guint i = 0; i < n; i++)
    {
      UppQuestion *question = upp_template_get_question (self->template, i);
      const UppSection *section = upp_template_find_section (self->template,
                                                             upp_question_get_section (question));
      g_autofree char *title = upp_question_dup_title (question, TRUE);
      g_autoptr(GtkColumnViewColumn) column = NULL;

      column = make_column (self, title, upp_question_get_key (question), 280);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->matrix_view, column);
      /* No header groups in GTK 4.8: the part a column belongs to is told in its tooltip. */
      if (section != NULL)
        g_ptr_array_add (tooltips, g_strdup_printf ("%s\n%s", section->title,
                                                    upp_question_get_text (question)));
      else
        g_ptr_array_add (tooltips, g_strdup (upp_question_get_text (question)));
      g_ptr_array_add (self->question_columns, g_object_ref (column));
      g_ptr_array_add (self->question_titles, g_strdup (title));
      g_ptr_array_add (self->question_tooltips,
                       g_strdup (g_ptr_array_index (tooltips, tooltips->len - 1)));
    }

  set_header_tooltips (self, tooltips);
  update_match_hints (self);
}

/* Filters */

/* The unit filter: a popover with a check per county part, then per unit; the rows are the
 * units checked and those of the parts checked, or all when none is. */

static void
update_unit_button (UppComparisonView *self)
{
  g_autoptr(GString) chosen = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->unit_list, i)) != NULL; i++)
    {
      GtkWidget *check = gtk_list_box_row_get_child (row);

      if (!GTK_IS_CHECK_BUTTON (check) || !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        continue;
      if (chosen->len > 0)
        g_string_append (chosen, ", ");
      g_string_append (chosen, gtk_check_button_get_label (GTK_CHECK_BUTTON (check)));
    }
  if (chosen->len == 0)
    g_string_append (chosen, C_("comparison", "All units"));
  gtk_label_set_text (self->unit_button_label, chosen->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->unit_button), chosen->str);
}

static void
unit_choice_changed (UppComparisonView *self)
{
  update_unit_button (self);
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_choice_toggled_cb (UppComparisonView *self,
                      GtkCheckButton    *check)
{
  GHashTable *chosen = g_object_get_data (G_OBJECT (check), "part") != NULL ? self->chosen_parts
                                                                            : self->chosen_units;
  const char *name = gtk_check_button_get_label (check);

  if (self->setting_checks)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (chosen, g_strdup (name));
  else
    g_hash_table_remove (chosen, name);
  unit_choice_changed (self);
}

/* The checks as the chosen sets say. */
static void
sync_checks (UppComparisonView *self)
{
  GtkListBoxRow *row;

  self->setting_checks = TRUE;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->unit_list, i)) != NULL; i++)
    {
      GtkWidget *check = gtk_list_box_row_get_child (row);
      GHashTable *chosen;

      if (!GTK_IS_CHECK_BUTTON (check))
        continue;
      chosen = g_object_get_data (G_OBJECT (check), "part") != NULL ? self->chosen_parts
                                                                     : self->chosen_units;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (chosen,
                                                          gtk_check_button_get_label (
                                                            GTK_CHECK_BUTTON (check))));
    }
  self->setting_checks = FALSE;
}

/* The headings are the list's row headers, not rows: a row that cannot take the focus
 * first in the list would keep Tab out of it. */
static void
update_unit_list_header (GtkListBoxRow *row,
                         GtkListBoxRow *before,
                         gpointer       user_data)
{
  GtkWidget *check = gtk_list_box_row_get_child (row);
  gboolean is_part = g_object_get_data (G_OBJECT (check), "part") != NULL;
  GtkWidget *label;

  if (before != NULL &&
      (g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (before)), "part") != NULL) ==
      is_part)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (is_part ? C_("comparison", "County Parts") : C_("comparison", "Units"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_box_row_set_header (row, label);
}

/* The check is the row's one Tab stop: the row around it takes none. */
static void
add_unit_list_check (UppComparisonView *self,
                     const char        *name,
                     gboolean           is_part)
{
  GtkWidget *check = gtk_check_button_new_with_label (name);

  if (is_part)
    g_object_set_data (G_OBJECT (check), "part", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->unit_list, check);
  gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
}

/* Up and Down go from check to check, as in a list of rows: the rows take no focus, so the
 * list's own cursor keys would find nothing to move to. */
static gboolean
on_unit_list_key_pressed_cb (GtkEventControllerKey *key,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             UppComparisonView     *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->unit_list));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  int step;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else
    return FALSE;
  if (row == NULL || (state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) != 0)
    return FALSE;

  for (int i = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + step; i >= 0; i += step)
    {
      GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->unit_list, i);

      if (next == NULL)
        break;
      /* Not one the search hides. */
      if (gtk_widget_get_child_visible (GTK_WIDGET (next)))
        {
          gtk_widget_grab_focus (gtk_list_box_row_get_child (next));
          break;
        }
    }
  /* At the first or last check too: the key stays in the list. */
  return TRUE;
}

static gboolean
filter_unit_list_row (GtkListBoxRow *row,
                      gpointer       user_data)
{
  UppComparisonView *self = user_data;
  GtkWidget *check = gtk_list_box_row_get_child (row);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->unit_search_entry));
  g_autofree char *needle = NULL;

  if (!GTK_IS_CHECK_BUTTON (check) || *search == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  return text_contains (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), needle);
}

static void
on_unit_search_changed_cb (UppComparisonView *self,
                           GtkSearchEntry    *entry)
{
  gtk_list_box_invalidate_filter (self->unit_list);
}

static void
on_unit_popover_show_cb (UppComparisonView *self,
                         GtkPopover        *popover)
{
  gtk_editable_set_text (GTK_EDITABLE (self->unit_search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->unit_search_entry));
}

static void
on_all_units_clicked_cb (UppComparisonView *self,
                         GtkButton         *button)
{
  upp_comparison_view_set_unit_filter (self, NULL);
}

void
upp_comparison_view_set_search_text (UppComparisonView *self,
                                     const char        *text)
{
  g_autofree char *old = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (UPP_IS_COMPARISON_VIEW (self));

  if (g_strcmp0 (text, self->search_text) == 0)
    return;

  old = g_steal_pointer (&self->search_text);
  self->search_text = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;

  /* Setting the entry's text clears it first, which the entry reports at once. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      self->setting_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      self->setting_entry = FALSE;
    }

  /* A longer search can only hide rows, a shorter one only show more. */
  if (old != NULL && self->search_text != NULL && g_str_has_prefix (self->search_text, old))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_text == NULL || (old != NULL && g_str_has_prefix (old, self->search_text)))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  gtk_filter_changed (GTK_FILTER (self->filter), change);
  refresh_all_cells (self);
  update_match_hints (self);
  if (self->detail_response != NULL && adw_flap_get_reveal_flap (self->flap))
    {
      g_autoptr(UppResponse) response = g_object_ref (self->detail_response);
      g_autofree char *key = g_strdup (self->detail_key);

      show_detail (self, response, key);
    }
}

static void
on_search_changed_cb (UppComparisonView *self,
                      GtkSearchEntry    *entry)
{
  if (self->setting_entry)
    return;
  upp_comparison_view_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search_cb (UppComparisonView *self,
                   GtkSearchEntry    *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_expand_toggled_cb (UppComparisonView *self,
                      GtkToggleButton   *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  self->lines = active ? LONG_LINES : SHORT_LINES;
  gtk_widget_set_tooltip_text (GTK_WIDGET (button),
                               active ? C_("comparison", "Show Shorter Answers") : C_("comparison", "Show Longer Answers"));
  refresh_all_cells (self);
}

static void
on_group_toggled_cb (UppComparisonView *self,
                     GtkToggleButton   *button)
{
  upp_comparison_view_set_group_by_sub_area (self, gtk_toggle_button_get_active (button));
}

void
upp_comparison_view_set_group_by_sub_area (UppComparisonView *self,
                                           gboolean           group)
{
  g_return_if_fail (UPP_IS_COMPARISON_VIEW (self));

  group = !!group;
  if (self->group_by_sub_area == group)
    return;
  self->group_by_sub_area = group;
  if (gtk_toggle_button_get_active (self->group_button) != group)
    gtk_toggle_button_set_active (self->group_button, group);

  if (group)
    regroup (self);
  /* Rows in another order: the first part's heading, or the first unit, on top. */
  self->scroll_to_top = TRUE;
  unbind_scrolling_for_a_frame (self);
  gtk_single_selection_set_model (self->selection, get_rows (self));
  if (!group)
    g_list_store_remove_all (self->grouped);
  if (self->detail_response != NULL && adw_flap_get_reveal_flap (self->flap))
    select_response (self, self->detail_response);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_BY_SUB_AREA]);
}

gboolean
upp_comparison_view_get_group_by_sub_area (UppComparisonView *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), FALSE);

  return self->group_by_sub_area;
}

GListModel *
upp_comparison_view_get_rows (UppComparisonView *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), NULL);

  return get_rows (self);
}

/* Following the round's responses */

/* The unit list has the round's county parts and units; what was chosen stays chosen while
 * it is there. */
static void
update_unit_names (UppComparisonView *self)
{
  guint n = self->responses != NULL ? g_list_model_get_n_items (self->responses) : 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GHashTable) seen_parts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_units = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer name;
  gboolean pruned = FALSE;
  GtkListBoxRow *row;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, i);
      const char *part = upp_unit_get_sub_area (upp_response_get_unit (response));

      /* The names live as long as the model's items, which the list keeps meanwhile. */
      g_ptr_array_add (keep, g_object_ref (response));
      if (part != NULL && *part != '\0' && g_hash_table_add (seen_parts, (gpointer) part))
        g_ptr_array_add (parts, (gpointer) part);
      g_ptr_array_add (units, (gpointer) upp_response_get_unit_name (response));
      g_hash_table_add (seen_units, (gpointer) upp_response_get_unit_name (response));
    }
  g_ptr_array_sort (parts, compare_sub_areas);

  g_hash_table_iter_init (&iter, self->chosen_parts);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (seen_parts, name))
      {
        g_hash_table_iter_remove (&iter);
        pruned = TRUE;
      }
  g_hash_table_iter_init (&iter, self->chosen_units);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (seen_units, name))
      {
        g_hash_table_iter_remove (&iter);
        pruned = TRUE;
      }

  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (names, "%s\x1f", (const char *) g_ptr_array_index (parts, i));
  g_string_append_c (names, '\x1e');
  for (guint i = 0; i < units->len; i++)
    g_string_append_printf (names, "%s\x1f", (const char *) g_ptr_array_index (units, i));
  if (g_strcmp0 (names->str, self->unit_list_names) != 0)
    {
      g_free (self->unit_list_names);
      self->unit_list_names = g_strdup (names->str);
      while ((row = gtk_list_box_get_row_at_index (self->unit_list, 0)) != NULL)
        gtk_list_box_remove (self->unit_list, GTK_WIDGET (row));
      for (guint i = 0; i < parts->len; i++)
        add_unit_list_check (self, g_ptr_array_index (parts, i), TRUE);
      for (guint i = 0; i < units->len; i++)
        add_unit_list_check (self, g_ptr_array_index (units, i), FALSE);
      sync_checks (self);
    }
  if (pruned)
    unit_choice_changed (self);
  else
    update_unit_button (self);
}

static UppResponse *
find_response_by_uuid (UppComparisonView *self,
                       const char        *uuid)
{
  guint n = self->responses != NULL ? g_list_model_get_n_items (self->responses) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, i);

      if (g_strcmp0 (upp_response_get_uuid (response), uuid) == 0)
        return g_steal_pointer (&response);
    }
  return NULL;
}

/* A response that changed is a new object in the model: the cells bound to it are bound
 * again by the views; the side panel shows the new one. */
static void
on_responses_changed_cb (UppComparisonView *self,
                         guint              position,
                         guint              removed,
                         guint              added,
                         GListModel        *responses)
{
  update_unit_names (self);
  update_count (self);

  if (self->detail_response != NULL && adw_flap_get_reveal_flap (self->flap))
    {
      g_autoptr(UppResponse) fresh = NULL;
      g_autofree char *key = g_strdup (self->detail_key);

      fresh = find_response_by_uuid (self, upp_response_get_uuid (self->detail_response));
      if (fresh != self->detail_response)
        {
          if (fresh != NULL)
            select_response (self, fresh);
          show_detail (self, fresh, key);
        }
    }
}

/* Shows the session's responses of the round, or nothing. */
static void
follow_round (UppComparisonView *self)
{
  UppTemplate *template = self->round != NULL ? upp_round_get_template (self->round) : NULL;

  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_responses_changed_cb, self);
  g_clear_object (&self->responses);
  show_detail (self, NULL, NULL);

  /* Hidden, the view lets go of its round but keeps its columns and rows as they are: the
   * same round shown again brings the same model, and taking down and making again some 200
   * rows of cells was most of switching to the view. */
  if (self->round == NULL && self->session != NULL)
    return;

  if (template != self->template)
    {
      g_set_object (&self->template, template);
      rebuild_columns (self);
    }

  if (self->session != NULL && self->round != NULL)
    {
      self->responses = upp_session_dup_responses (self->session, self->round);
      g_signal_connect_object (self->responses, "items-changed",
                               G_CALLBACK (on_responses_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_filter_list_model_set_model (self->filtered, self->responses);
  update_unit_names (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->changed_while_hidden)
    on_filtered_items_changed_cb (self, 0, 0, 0, G_LIST_MODEL (self->filtered));
  update_count (self);
}

/* Public API */

void
upp_comparison_view_set_session (UppComparisonView *self,
                                 UppSession        *session)
{
  g_return_if_fail (UPP_IS_COMPARISON_VIEW (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  /* The rows kept of a hidden round are not another session's. */
  gtk_filter_list_model_set_model (self->filtered, NULL);
  follow_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

UppSession *
upp_comparison_view_get_session (UppComparisonView *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), NULL);

  return self->session;
}

void
upp_comparison_view_set_round (UppComparisonView *self,
                               UppRound          *round)
{
  g_return_if_fail (UPP_IS_COMPARISON_VIEW (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (self->round == round)
    return;
  /* The unit filter stays for the same round read again (after a restore), not another. */
  if (round == NULL || self->round == NULL ||
      g_strcmp0 (upp_round_get_uuid (round), upp_round_get_uuid (self->round)) != 0)
    {
      g_hash_table_remove_all (self->chosen_units);
      g_hash_table_remove_all (self->chosen_parts);
      sync_checks (self);
    }
  g_set_object (&self->round, round);
  follow_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

gboolean
upp_comparison_view_show_answers (UppComparisonView *self,
                                  const char        *unit_name,
                                  const char        *question_key)
{
  guint n;

  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), FALSE);

  n = self->responses != NULL ? g_list_model_get_n_items (self->responses) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, i);

      g_autofree char *name = g_utf8_casefold (upp_response_get_unit_name (response), -1);
      g_autofree char *wanted = g_utf8_casefold (unit_name, -1);

      if (!g_str_equal (name, wanted))
        continue;
      select_response (self, response);
      show_detail (self, response, question_key);
      return TRUE;
    }
  return FALSE;
}

gboolean
upp_comparison_view_set_unit_filter (UppComparisonView *self,
                                     const char        *unit_name)
{
  const char *units[] = { unit_name, NULL };

  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), FALSE);

  return upp_comparison_view_choose_units (self, unit_name != NULL ? units : NULL, NULL);
}

gboolean
upp_comparison_view_choose_units (UppComparisonView  *self,
                                  const char * const *unit_names,
                                  const char * const *county_parts)
{
  guint n;

  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), FALSE);

  n = self->responses != NULL ? g_list_model_get_n_items (self->responses) : 0;
  for (guint i = 0; unit_names != NULL && unit_names[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        {
          g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, j);

          found = g_strcmp0 (upp_response_get_unit_name (response), unit_names[i]) == 0;
        }
      if (!found)
        return FALSE;
    }
  for (guint i = 0; county_parts != NULL && county_parts[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        {
          g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, j);

          found = g_strcmp0 (upp_unit_get_sub_area (upp_response_get_unit (response)),
                             county_parts[i]) == 0;
        }
      if (!found)
        return FALSE;
    }

  g_hash_table_remove_all (self->chosen_units);
  g_hash_table_remove_all (self->chosen_parts);
  for (guint i = 0; unit_names != NULL && unit_names[i] != NULL; i++)
    g_hash_table_add (self->chosen_units, g_strdup (unit_names[i]));
  for (guint i = 0; county_parts != NULL && county_parts[i] != NULL; i++)
    g_hash_table_add (self->chosen_parts, g_strdup (county_parts[i]));
  sync_checks (self);
  unit_choice_changed (self);
  return TRUE;
}

UppRound *
upp_comparison_view_get_round (UppComparisonView *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), NULL);

  return self->round;
}

guint
upp_comparison_view_get_n_visible_units (UppComparisonView *self)
{
  g_return_val_if_fail (UPP_IS_COMPARISON_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

GtkWidget *
upp_comparison_view_new (void)
{
  return g_object_new (UPP_TYPE_COMPARISON_VIEW, NULL);
}

/* GObject */

static void
upp_comparison_view_dispose (GObject *object)
{
  GtkWidget *child;
  UppComparisonView *self = (UppComparisonView *)object;

  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  if (self->rebind_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->rebind_clock, on_rows_laid_out_cb, self);
  g_clear_object (&self->rebind_clock);
  if (self->cells != NULL)
    g_hash_table_remove_all (self->cells);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_COMPARISON_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->grouped);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_responses_changed_cb, self);
  g_clear_object (&self->responses);
  g_clear_pointer (&self->question_columns, g_ptr_array_unref);
  g_clear_object (&self->detail_response);
  g_clear_object (&self->template);
  g_clear_object (&self->round);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (upp_comparison_view_parent_class)->dispose (object);
}

static void
upp_comparison_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  UppComparisonView *self = UPP_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ROUND:
      g_value_set_object (value, self->round);
      break;

    case PROP_GROUP_BY_SUB_AREA:
      g_value_set_boolean (value, self->group_by_sub_area);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_comparison_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  UppComparisonView *self = UPP_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_comparison_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_comparison_view_set_round (self, g_value_get_object (value));
      break;

    case PROP_GROUP_BY_SUB_AREA:
      upp_comparison_view_set_group_by_sub_area (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_comparison_view_finalize (GObject *object)
{
  UppComparisonView *self = (UppComparisonView *)object;

  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->detail_key, g_free);
  g_clear_pointer (&self->chosen_units, g_hash_table_unref);
  g_clear_pointer (&self->chosen_parts, g_hash_table_unref);
  g_clear_pointer (&self->unit_list_names, g_free);
  g_clear_pointer (&self->question_titles, g_ptr_array_unref);
  g_clear_pointer (&self->question_tooltips, g_ptr_array_unref);
  g_clear_pointer (&self->match_counts, g_array_unref);

  G_OBJECT_CLASS (upp_comparison_view_parent_class)->finalize (object);
}

static void
on_search_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  UppComparisonView *self = UPP_COMPARISON_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
upp_comparison_view_class_init (UppComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = upp_comparison_view_get_property;
  object_class->set_property = upp_comparison_view_set_property;
  object_class->dispose = upp_comparison_view_dispose;
  object_class->finalize = upp_comparison_view_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_BY_SUB_AREA] =
    g_param_spec_boolean ("group-by-sub-area", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, count_label);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, detail_status);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, expand_button);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, flap);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, group_button);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, matches_button);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, matrix_scroller);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, stack);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, unit_button);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, unit_button_label);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, unit_list);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, unit_search_entry);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, unit_scroller);
  gtk_widget_class_bind_template_child (widget_class, UppComparisonView, unit_view);
  gtk_widget_class_bind_template_callback (widget_class, on_all_units_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_expand_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_group_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_matches_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_search_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "comparison-view");
  gtk_widget_class_install_action (widget_class, "comparison.search", NULL, on_search_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "comparison.search", NULL);
}

static void
upp_comparison_view_init (UppComparisonView *self)
{
  GtkEventController *key;
  GtkAdjustment *hadjustment;

  self->chosen_units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->chosen_parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->question_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->question_titles = g_ptr_array_new_with_free_func (g_free);
  self->question_tooltips = g_ptr_array_new_with_free_func (g_free);
  self->match_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = SHORT_LINES;
  self->cells = g_hash_table_new (NULL, NULL);

  gtk_list_box_set_filter_func (self->unit_list, filter_unit_list_row, self, NULL);
  gtk_list_box_set_header_func (self->unit_list, update_unit_list_header, NULL, NULL);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_unit_list_key_pressed_cb), self,
                           0);
  gtk_widget_add_controller (GTK_WIDGET (self->unit_list), key);
  update_unit_button (self);
  hadjustment = gtk_scrolled_window_get_hadjustment (self->matrix_scroller);
  g_signal_connect_object (hadjustment, "value-changed", G_CALLBACK (update_matches_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (hadjustment, "changed", G_CALLBACK (update_matches_button), self,
                           G_CONNECT_SWAPPED);
  /* Typing anywhere in the matrix starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_response, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->grouped = g_list_store_new (G_TYPE_OBJECT);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_filtered_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* One selection for both views keeps the selected row highlighted across the matrix. */
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->unit_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->matrix_view, GTK_SELECTION_MODEL (self->selection));

  /* With classic scrollbars the answers lose a scrollbar's height at the bottom; an
   * (inert) scrollbar under the unit column keeps both views the same height. */
  {
    GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
    gboolean overlay = TRUE;

    if (g_object_class_find_property (G_OBJECT_GET_CLASS (settings), "gtk-overlay-scrolling"))
      g_object_get (settings, "gtk-overlay-scrolling", &overlay, NULL);
    if (!overlay)
      gtk_scrolled_window_set_policy (self->unit_scroller, GTK_POLICY_ALWAYS, GTK_POLICY_EXTERNAL);
  }

  bind_scrolling (self);

  update_count (self);
}
