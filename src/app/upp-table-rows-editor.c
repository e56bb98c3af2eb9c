/* upp-table-rows-editor.c: the rows of a table question (Mål, Aktivitet, Uppföljning), edited
 * inline: added, removed, moved with the keyboard
 *
 * Every row is a line of cells, one multi-line text per column with the column's name above
 * it; in a narrow window the cells of a row stack. The editor only shows and tells: each
 * change is an answer under a derived key (upp-answer-key.h), which the form saves on its
 * worker as it saves answers. A row's answer is its position, so moving a row renumbers the
 * rows 1, 2, … as upp_store_move_table_row () does, and removing one marks it "removed".
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-table-rows-editor"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-answer-key.h"
#include "upp-cursor-follow.h"
#include "upp-item-field.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-table-rows-editor.h"
#include "upp-toast.h"
#include "upp-util.h"

/* Below this width the cells of a row stack instead of standing side by side. */
#define NARROW_WIDTH 560

typedef struct
{
  char      *row_id;
  double     position;
  gboolean   removed;
  GtkWidget *widget;        /* the row's box, referenced while removed */
  GtkWidget *cells_box;
  GtkWidget *number_label;
  GtkWidget *remove_button;
  GPtrArray *cells;         /* GtkTextView, in the order of the columns */
} TableRow;

struct _UppTableRowsEditor
{
  GtkWidget    parent_instance;

  UppQuestion *question;
  GPtrArray   *rows;        /* TableRow, in the order shown */
  GPtrArray   *removed;     /* TableRow removed here, for their answers and Undo */
  GtkWidget   *box;
  GtkWidget   *rows_box;
  GtkWidget   *empty_label;
  gboolean     narrow;
  guint        orientation_source;
  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (UppTableRowsEditor, upp_table_rows_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
table_row_free (gpointer data)
{
  TableRow *row = data;

  g_free (row->row_id);
  g_clear_pointer (&row->cells, g_ptr_array_unref);
  g_clear_object (&row->widget);
  g_free (row);
}

static const char *
question_key (UppTableRowsEditor *self)
{
  return upp_question_get_key (self->question);
}

static void
emit_row_changed (UppTableRowsEditor *self,
                  TableRow           *row)
{
  g_autofree char *key = NULL;

  if (self->loading)
    return;
  key = upp_answer_key_for_row (question_key (self), row->row_id);
  g_signal_emit (self, signals[CHANGED], 0, key);
}

static TableRow *
find_row (UppTableRowsEditor *self,
          const char         *row_id,
          guint              *index)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      TableRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (row->row_id, row_id))
        {
          if (index != NULL)
            *index = i;
          return row;
        }
    }
  for (guint i = 0; i < self->removed->len; i++)
    {
      TableRow *row = g_ptr_array_index (self->removed, i);

      if (g_str_equal (row->row_id, row_id))
        {
          if (index != NULL)
            *index = G_MAXUINT;
          return row;
        }
    }
  return NULL;
}

/* The row whose cell or button has the focus, or NULL. */
static TableRow *
find_focused_row (UppTableRowsEditor *self,
                  guint              *index)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->rows->len; i++)
    {
      TableRow *row = g_ptr_array_index (self->rows, i);

      if (gtk_widget_is_ancestor (focus, row->widget))
        {
          *index = i;
          return row;
        }
    }
  return NULL;
}

static char *
dup_cell_text (GtkWidget *cell)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
row_has_text (TableRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      g_autofree char *text = dup_cell_text (g_ptr_array_index (row->cells, i));

      if (!upp_str_is_blank (text))
        return TRUE;
    }
  return FALSE;
}

/* Row numbers as shown, and the names that say them to a screen reader. */
static void
update_numbers (UppTableRowsEditor *self)
{
  GPtrArray *columns = upp_question_get_columns (self->question);

  for (guint i = 0; i < self->rows->len; i++)
    {
      TableRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *remove = NULL;

      gtk_label_set_text (GTK_LABEL (row->number_label), number);
      /* Translators: accessible name of the button that removes a table's row, e.g.
       * "Remove Row 2". */
      remove = g_strdup_printf (_("Remove Row %u"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      for (guint j = 0; j < row->cells->len && j < columns->len; j++)
        {
          const UppItemField *column = g_ptr_array_index (columns, j);
          /* Translators: accessible name of a table's cell: its column and row, e.g.
           * "Mål, row 2". */
          g_autofree char *name = g_strdup_printf (_("%s, row %u"), column->label, i + 1);

          gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (row->cells, j)),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
    }
  gtk_widget_set_visible (self->empty_label, self->rows->len == 0);
}

/* Positions 1, 2, … in the order shown; each row whose position changes is saved. */
static void
renumber_positions (UppTableRowsEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      TableRow *row = g_ptr_array_index (self->rows, i);

      if (row->position == i + 1)
        continue;
      row->position = i + 1;
      emit_row_changed (self, row);
    }
}

static void
on_cell_changed_cb (GtkTextBuffer      *buffer,
                    UppTableRowsEditor *self)
{
  TableRow *row = g_object_get_data (G_OBJECT (buffer), "upp-table-row");
  const char *column_key = g_object_get_data (G_OBJECT (buffer), "upp-column-key");
  g_autofree char *key = NULL;

  if (self->loading)
    return;
  key = upp_answer_key_for_cell (question_key (self), row->row_id, column_key);
  g_signal_emit (self, signals[CHANGED], 0, key);
}

static void
apply_orientation (UppTableRowsEditor *self,
                   TableRow           *row)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (row->cells_box),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL
                                               : GTK_ORIENTATION_HORIZONTAL);
}

static void remove_row (UppTableRowsEditor *self,
                        TableRow           *row);

static void
on_remove_clicked_cb (GtkButton          *button,
                      UppTableRowsEditor *self)
{
  const char *row_id = g_object_get_data (G_OBJECT (button), "upp-row-id");
  TableRow *row = find_row (self, row_id, NULL);

  if (row != NULL && !row->removed)
    remove_row (self, row);
}

static TableRow *
make_row (UppTableRowsEditor *self,
          const char         *row_id,
          double              position)
{
  GPtrArray *columns = upp_question_get_columns (self->question);
  TableRow *row = g_new0 (TableRow, 1);

  row->row_id = g_strdup (row_id);
  row->position = position;
  row->cells = g_ptr_array_new ();

  row->widget = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10));
  gtk_widget_add_css_class (row->widget, "card");
  gtk_widget_add_css_class (row->widget, "upp-table-row");

  row->number_label = gtk_label_new (NULL);
  gtk_widget_set_valign (row->number_label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (row->number_label, 26);
  gtk_widget_add_css_class (row->number_label, "upp-question-number");
  gtk_widget_add_css_class (row->number_label, "numeric");
  gtk_box_append (GTK_BOX (row->widget), row->number_label);

  row->cells_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_box_set_homogeneous (GTK_BOX (row->cells_box), TRUE);
  gtk_widget_set_hexpand (row->cells_box, TRUE);
  gtk_box_append (GTK_BOX (row->widget), row->cells_box);

  for (guint i = 0; i < columns->len; i++)
    {
      const UppItemField *column = g_ptr_array_index (columns, i);
      GtkWidget *cell_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *caption = gtk_label_new (column->label);
      GtkWidget *cell = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell));

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (caption, "caption-heading");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (cell_box), caption);

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (cell), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (cell), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (cell), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (cell), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (cell), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (cell), 8);
      gtk_widget_set_vexpand (cell, TRUE);
      gtk_widget_add_css_class (cell, "upp-answer");
      gtk_widget_add_css_class (cell, "upp-table-cell");
      upp_cursor_follow_attach (GTK_TEXT_VIEW (cell));
      g_object_set_data (G_OBJECT (buffer), "upp-table-row", row);
      g_object_set_data_full (G_OBJECT (buffer), "upp-column-key", g_strdup (column->key),
                              g_free);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_cell_changed_cb), self);
      gtk_box_append (GTK_BOX (cell_box), cell);

      gtk_box_append (GTK_BOX (row->cells_box), cell_box);
      g_ptr_array_add (row->cells, cell);
    }

  row->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (row->remove_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (row->remove_button, 22);
  gtk_widget_set_tooltip_text (row->remove_button, _("Remove Row"));
  gtk_widget_add_css_class (row->remove_button, "flat");
  gtk_widget_add_css_class (row->remove_button, "circular");
  gtk_widget_add_css_class (row->remove_button, "upp-remove-row");
  g_object_set_data_full (G_OBJECT (row->remove_button), "upp-row-id", g_strdup (row_id),
                          g_free);
  g_signal_connect (row->remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (row->widget), row->remove_button);

  apply_orientation (self, row);
  return row;
}

/* Puts row in the list at index, on screen. */
static void
insert_row (UppTableRowsEditor *self,
            TableRow           *row,
            guint               index)
{
  GtkWidget *before;

  index = MIN (index, self->rows->len);
  before = index > 0 ? ((TableRow *) g_ptr_array_index (self->rows, index - 1))->widget : NULL;
  g_ptr_array_insert (self->rows, index, row);
  gtk_box_insert_child_after (GTK_BOX (self->rows_box), row->widget, before);
}

static void
clear_rows (UppTableRowsEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      TableRow *row = g_ptr_array_index (self->rows, i);

      gtk_box_remove (GTK_BOX (self->rows_box), row->widget);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->removed, 0);
}

void
upp_table_rows_editor_set_response (UppTableRowsEditor *self,
                                    UppResponse        *response)
{
  g_auto(GStrv) row_ids = NULL;
  GPtrArray *columns;

  g_return_if_fail (UPP_IS_TABLE_ROWS_EDITOR (self));

  self->loading = TRUE;
  clear_rows (self);
  columns = upp_question_get_columns (self->question);
  if (response != NULL)
    row_ids = upp_response_list_table_rows (response, question_key (self));
  for (guint i = 0; row_ids != NULL && row_ids[i] != NULL; i++)
    {
      double position = upp_response_get_table_row_position (response, question_key (self),
                                                             row_ids[i]);
      TableRow *row = make_row (self, row_ids[i], position);

      for (guint j = 0; j < columns->len; j++)
        {
          const UppItemField *column = g_ptr_array_index (columns, j);
          GtkTextView *cell = g_ptr_array_index (row->cells, j);

          gtk_text_buffer_set_text (gtk_text_view_get_buffer (cell),
                                    upp_response_get_table_cell (response, question_key (self),
                                                                 row_ids[i], column->key),
                                    -1);
        }
      insert_row (self, row, self->rows->len);
    }
  update_numbers (self);
  self->loading = FALSE;
}

void
upp_table_rows_editor_add_row (UppTableRowsEditor *self)
{
  g_autofree char *row_id = NULL;
  double last = 0;
  TableRow *row;

  g_return_if_fail (UPP_IS_TABLE_ROWS_EDITOR (self));

  /* After the last, as upp_store_add_table_row () places it. */
  for (guint i = 0; i < self->rows->len; i++)
    last = MAX (last, ((TableRow *) g_ptr_array_index (self->rows, i))->position);
  row_id = upp_answer_key_new_row_id ();
  row = make_row (self, row_id, floor (last) + 1);
  insert_row (self, row, self->rows->len);
  update_numbers (self);
  emit_row_changed (self, row);
  if (row->cells->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (row->cells, 0));
}

typedef struct
{
  UppTableRowsEditor *editor;   /* weak */
  char               *row_id;
  guint               index;
} RemovedRow;

static void
removed_row_free (gpointer  data,
                  GClosure *closure)
{
  RemovedRow *removed = data;

  g_clear_weak_pointer (&removed->editor);
  g_free (removed->row_id);
  g_free (removed);
}

/* The row comes back where it was, under its own id: its answer goes from "removed" back to
 * a position, and its cells never went. */
static void
on_undo_remove_cb (AdwToast   *toast,
                   RemovedRow *removed)
{
  UppTableRowsEditor *self = removed->editor;
  TableRow *row;
  guint index;

  if (self == NULL)
    return;
  row = find_row (self, removed->row_id, &index);
  if (row == NULL || !row->removed)
    return;

  if (g_ptr_array_find (self->removed, row, &index))
    g_ptr_array_steal_index (self->removed, index);
  row->removed = FALSE;
  row->position = NAN;
  insert_row (self, row, removed->index);
  renumber_positions (self);
  update_numbers (self);
  if (row->cells->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (row->cells, 0));
}

static void
remove_row (UppTableRowsEditor *self,
            TableRow           *row)
{
  gboolean had_text = row_has_text (row);
  RemovedRow *removed;
  AdwToast *toast;
  g_autofree char *message = NULL;
  guint index = 0;
  GtkWidget *focus = NULL;

  g_ptr_array_find (self->rows, row, &index);
  g_ptr_array_steal_index (self->rows, index);
  gtk_box_remove (GTK_BOX (self->rows_box), row->widget);
  row->removed = TRUE;
  g_ptr_array_add (self->removed, row);
  update_numbers (self);
  emit_row_changed (self, row);

  /* The focus goes on to the row that took its place, or to the add button. */
  if (index < self->rows->len)
    focus = g_ptr_array_index (((TableRow *) g_ptr_array_index (self->rows, index))->cells, 0);
  else if (index > 0)
    focus = g_ptr_array_index (((TableRow *) g_ptr_array_index (self->rows,
                                                                index - 1))->cells, 0);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);

  /* An empty row is gone without a word; one with text can be brought back. */
  if (!had_text)
    return;
  removed = g_new0 (RemovedRow, 1);
  g_set_weak_pointer (&removed->editor, self);
  removed->row_id = g_strdup (row->row_id);
  removed->index = index;
  /* Translators: a toast after a table's row was removed, e.g. "Row 2 removed". */
  message = g_strdup_printf (_("Row %u removed"), index + 1);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), removed,
                         removed_row_free, 0);
  upp_toast_add (GTK_WIDGET (self), toast);
}

/* Alt+Up and Alt+Down in a row's cell: the row moves, the focus stays in the cell. */
static void
move_row (UppTableRowsEditor *self,
          int                 delta)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  TableRow *row;
  GtkWidget *before;
  guint index, target;

  row = find_focused_row (self, &index);
  if (row == NULL || (delta < 0 && index == 0) || (delta > 0 && index + 1 >= self->rows->len))
    return;

  target = index + delta;
  g_ptr_array_steal_index (self->rows, index);
  g_ptr_array_insert (self->rows, target, row);
  before = target > 0 ? ((TableRow *) g_ptr_array_index (self->rows, target - 1))->widget : NULL;
  gtk_box_reorder_child_after (GTK_BOX (self->rows_box), row->widget, before);
  renumber_positions (self);
  update_numbers (self);
  if (focus != NULL && gtk_widget_get_root (focus) != NULL && !gtk_widget_has_focus (focus))
    gtk_widget_grab_focus (focus);
}

static void
move_row_up_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_row (UPP_TABLE_ROWS_EDITOR (widget), -1);
}

static void
move_row_down_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_row (UPP_TABLE_ROWS_EDITOR (widget), 1);
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  upp_table_rows_editor_add_row (UPP_TABLE_ROWS_EDITOR (widget));
}

gboolean
upp_table_rows_editor_dup_answer (UppTableRowsEditor  *self,
                                  const char          *answer_key,
                                  char               **text)
{
  g_autofree char *prefix = NULL;
  g_auto(GStrv) parts = NULL;
  GPtrArray *columns;
  TableRow *row;

  g_return_val_if_fail (UPP_IS_TABLE_ROWS_EDITOR (self), FALSE);

  prefix = g_strconcat (question_key (self), UPP_ANSWER_KEY_SEPARATOR, NULL);
  if (!g_str_has_prefix (answer_key, prefix))
    return FALSE;
  parts = g_strsplit (answer_key + strlen (prefix), UPP_ANSWER_KEY_SEPARATOR, 2);
  row = parts[0] != NULL ? find_row (self, parts[0], NULL) : NULL;
  if (row == NULL)
    return FALSE;

  if (parts[1] == NULL)
    {
      *text = upp_answer_key_dup_row_text (row->removed ? NAN : row->position);
      return TRUE;
    }

  columns = upp_question_get_columns (self->question);
  for (guint i = 0; i < columns->len && i < row->cells->len; i++)
    {
      const UppItemField *column = g_ptr_array_index (columns, i);

      if (g_str_equal (column->key, parts[1]))
        {
          *text = dup_cell_text (g_ptr_array_index (row->cells, i));
          return TRUE;
        }
    }
  return FALSE;
}

char **
upp_table_rows_editor_dup_row_ids (UppTableRowsEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (UPP_IS_TABLE_ROWS_EDITOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, ((TableRow *) g_ptr_array_index (self->rows, i))->row_id);
  return g_strv_builder_end (builder);
}

GtkWidget *
upp_table_rows_editor_get_cell (UppTableRowsEditor *self,
                                guint               row_index,
                                const char         *column_key)
{
  GPtrArray *columns;
  TableRow *row;

  g_return_val_if_fail (UPP_IS_TABLE_ROWS_EDITOR (self), NULL);

  if (row_index >= self->rows->len)
    return NULL;
  row = g_ptr_array_index (self->rows, row_index);
  columns = upp_question_get_columns (self->question);
  for (guint i = 0; i < columns->len && i < row->cells->len; i++)
    if (g_str_equal (((UppItemField *) g_ptr_array_index (columns, i))->key, column_key))
      return g_ptr_array_index (row->cells, i);
  return NULL;
}

GtkWidget *
upp_table_rows_editor_get_cell_for_key (UppTableRowsEditor *self,
                                        const char         *answer_key)
{
  g_autofree char *prefix = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (UPP_IS_TABLE_ROWS_EDITOR (self), NULL);

  prefix = g_strconcat (question_key (self), UPP_ANSWER_KEY_SEPARATOR, NULL);
  if (!g_str_has_prefix (answer_key, prefix))
    return NULL;
  parts = g_strsplit (answer_key + strlen (prefix), UPP_ANSWER_KEY_SEPARATOR, 2);
  if (parts[0] == NULL || parts[1] == NULL)
    return NULL;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (((TableRow *) g_ptr_array_index (self->rows, i))->row_id, parts[0]))
      return upp_table_rows_editor_get_cell (self, i, parts[1]);
  return NULL;
}

static gboolean
apply_orientation_cb (gpointer user_data)
{
  UppTableRowsEditor *self = user_data;

  self->orientation_source = 0;
  for (guint i = 0; i < self->rows->len; i++)
    apply_orientation (self, g_ptr_array_index (self->rows, i));
  for (guint i = 0; i < self->removed->len; i++)
    apply_orientation (self, g_ptr_array_index (self->removed, i));
  return G_SOURCE_REMOVE;
}

static void
upp_table_rows_editor_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  UppTableRowsEditor *self = UPP_TABLE_ROWS_EDITOR (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, NULL, NULL);
}

/* The cells stack below a width, which is only known here; the change waits for the next
 * main loop turn, as a layout must not change while it is being allocated. */
static void
upp_table_rows_editor_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  UppTableRowsEditor *self = UPP_TABLE_ROWS_EDITOR (widget);
  gboolean narrow = width < NARROW_WIDTH;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->orientation_source == 0)
        self->orientation_source = g_idle_add (apply_orientation_cb, self);
    }
}

static void
upp_table_rows_editor_dispose (GObject *object)
{
  UppTableRowsEditor *self = UPP_TABLE_ROWS_EDITOR (object);

  g_clear_handle_id (&self->orientation_source, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->removed, g_ptr_array_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->question);

  G_OBJECT_CLASS (upp_table_rows_editor_parent_class)->dispose (object);
}

static void
upp_table_rows_editor_class_init (UppTableRowsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_table_rows_editor_dispose;
  widget_class->measure = upp_table_rows_editor_measure;
  widget_class->size_allocate = upp_table_rows_editor_size_allocate;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "table.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "table.move-row-up", NULL,
                                   move_row_up_action);
  gtk_widget_class_install_action (widget_class, "table.move-row-down", NULL,
                                   move_row_down_action);
}

static void
upp_table_rows_editor_init (UppTableRowsEditor *self)
{
  GtkEventController *shortcuts;
  GtkWidget *add_button;
  GtkWidget *content;

  self->rows = g_ptr_array_new_with_free_func (table_row_free);
  self->removed = g_ptr_array_new_with_free_func (table_row_free);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->empty_label = gtk_label_new (_("No rows yet."));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->empty_label);

  self->rows_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->box), self->rows_box);

  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Row"));
  add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add_button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "table.add-row");
  gtk_widget_set_halign (add_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (add_button, _("Add a row after the last"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Row"), -1);
  gtk_box_append (GTK_BOX (self->box), add_button);

  /* Captured before the cells see them, which would move the cursor. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Up"),
                      gtk_named_action_new ("table.move-row-up")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Down"),
                      gtk_named_action_new ("table.move-row-down")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
upp_table_rows_editor_new (UppQuestion *question)
{
  UppTableRowsEditor *self;

  g_return_val_if_fail (UPP_IS_QUESTION (question), NULL);

  self = g_object_new (UPP_TYPE_TABLE_ROWS_EDITOR, NULL);
  self->question = g_object_ref (question);
  update_numbers (self);
  return GTK_WIDGET (self);
}
