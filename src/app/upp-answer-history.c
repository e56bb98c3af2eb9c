/* upp-answer-history.c: the popover that shows an answer's versions and restores one
 *
 * The versions are listed newest first, as people look for what the answer said before the
 * last change; the selected one shows what it changed against the version before it, added
 * words marked and removed words struck through.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-answer-history"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-answer-history.h"
#include "upp-answer-version.h"
#include "upp-choice.h"
#include "upp-question.h"
#include "upp-text-diff.h"

struct _UppAnswerHistory
{
  GtkPopover    parent_instance;

  UppQuestion  *question;
  GPtrArray    *versions;   /* UppAnswerVersion, oldest first */

  /* Template widgets */
  GtkLabel     *changes_label;
  GtkTextView  *changes_view;
  GtkButton    *restore_button;
  GtkLabel     *title_label;
  GtkListBox   *version_list;
};

G_DEFINE_FINAL_TYPE (UppAnswerHistory, upp_answer_history, GTK_TYPE_POPOVER)

enum {
  RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The version a row of the list shows: rows are newest first. */
static UppAnswerVersion *
version_at_row (UppAnswerHistory *self,
                GtkListBoxRow    *row,
                guint            *index)
{
  int position;

  if (row == NULL || self->versions == NULL)
    return NULL;
  position = gtk_list_box_row_get_index (row);
  if (position < 0 || (guint) position >= self->versions->len)
    return NULL;
  *index = self->versions->len - 1 - position;
  return g_ptr_array_index (self->versions, *index);
}

static char *
format_time (const char *modified)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (modified, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (modified);
  local = g_date_time_to_local (utc);
  /* TRANSLATORS: when a version of an answer was saved, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static char *
describe_version (UppAnswerVersion *version,
                  const char       *device)
{
  const char *author = upp_answer_version_get_author (version);
  g_autofree char *computer = NULL;

  if (g_strcmp0 (upp_answer_version_get_device (version), device) == 0)
    computer = g_strdup (_("this computer"));
  else
    /* TRANSLATORS: the start of another computer's dator-id */
    computer = g_strdup_printf (_("computer %.8s"), upp_answer_version_get_device (version));

  return g_strdup_printf ("%s%s%s · %s", author, *author != '\0' ? " · " : "", computer,
                          upp_answer_origin_get_label (upp_answer_version_get_origin (version)));
}

static char *
dup_choice_labels (UppAnswerHistory   *self,
                   const char * const *choices)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      const UppChoice *choice = self->question ? upp_question_find_choice (self->question,
                                                                            choices[i]) : NULL;

      g_string_append_printf (labels, "%s%s", i > 0 ? ", " : "",
                              choice != NULL ? choice->label : choices[i]);
    }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static void
show_changes (UppAnswerHistory *self,
              UppAnswerVersion *version,
              UppAnswerVersion *before)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->changes_view);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *chosen_before = NULL;
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", 0);
  if (version == NULL)
    return;

  gtk_label_set_text (self->changes_label,
                      before != NULL ? _("Changes from the version before it:")
                                     : _("The first saved version:"));
  chosen = dup_choice_labels (self, upp_answer_version_get_choices (version));
  chosen_before = before ? dup_choice_labels (self, upp_answer_version_get_choices (before))
                         : g_strdup ("");
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (g_strcmp0 (chosen, chosen_before) != 0)
    {
      g_autofree char *line = NULL;

      if (*chosen_before != '\0')
        line = g_strdup_printf (_("Choice: %s → %s\n"), chosen_before,
                                *chosen != '\0' ? chosen : _("none"));
      else
        line = g_strdup_printf (_("Choice: %s\n"), chosen);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, line, -1, "choice", NULL);
    }

  changes = upp_text_diff (before ? upp_answer_version_get_text (before) : "",
                           upp_answer_version_get_text (version));
  for (guint i = 0; i < changes->len; i++)
    {
      UppTextChange *change = g_ptr_array_index (changes, i);
      const char *tag = change->kind == UPP_TEXT_CHANGE_INSERTED ? "inserted"
                      : change->kind == UPP_TEXT_CHANGE_DELETED ? "deleted" : NULL;

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (tag != NULL && before != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, change->text, -1, tag, NULL);
      else
        gtk_text_buffer_insert (buffer, &end, change->text, -1);
    }
}

static void
on_row_selected_cb (GtkListBox       *list,
                    GtkListBoxRow    *row,
                    UppAnswerHistory *self)
{
  UppAnswerVersion *version;
  guint index = 0;

  version = version_at_row (self, row, &index);
  show_changes (self, version, version && index > 0 ? g_ptr_array_index (self->versions,
                                                                          index - 1) : NULL);
  /* The answer's value now needs no restoring. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                            version != NULL && index + 1 < self->versions->len);
}

static void
on_restore_clicked_cb (GtkButton        *button,
                       UppAnswerHistory *self)
{
  UppAnswerVersion *version;
  guint index = 0;

  version = version_at_row (self, gtk_list_box_get_selected_row (self->version_list), &index);
  if (version == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[RESTORE], 0, upp_answer_version_get_id (version));
}

void
upp_answer_history_set_versions (UppAnswerHistory *self,
                                 UppQuestion      *question,
                                 GPtrArray        *versions,
                                 const char       *device)
{
  GtkWidget *child;
  g_autofree char *title = NULL;

  g_return_if_fail (UPP_IS_ANSWER_HISTORY (self));

  g_set_object (&self->question, question);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = g_ptr_array_ref (versions);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "History of question %s: %u version",
                                        "History of question %s: %u versions", versions->len),
                           question ? upp_question_get_number (question) : "",
                           versions->len);
  gtk_label_set_text (self->title_label, title);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->version_list))) != NULL)
    gtk_list_box_remove (self->version_list, child);
  for (guint i = versions->len; i-- > 0;)
    {
      UppAnswerVersion *version = g_ptr_array_index (versions, i);
      g_autofree char *time = format_time (upp_answer_version_get_modified (version));
      g_autofree char *described = describe_version (version, device);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), time);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), described);
      if (i + 1 == versions->len)
        {
          GtkWidget *now = gtk_label_new (_("Now"));

          gtk_widget_add_css_class (now, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), now);
        }
      gtk_list_box_append (self->version_list, row);
    }

  if (versions->len == 0)
    {
      gtk_label_set_text (self->changes_label, _("The answer has not been saved yet."));
      show_changes (self, NULL, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
      return;
    }
  /* The version before the value now is what people look for first. */
  upp_answer_history_select_row (self, versions->len > 1 ? 1 : 0);
}

guint
upp_answer_history_get_n_rows (UppAnswerHistory *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_HISTORY (self), 0);

  return self->versions ? self->versions->len : 0;
}

void
upp_answer_history_select_row (UppAnswerHistory *self,
                               guint             index)
{
  GtkListBoxRow *row;

  g_return_if_fail (UPP_IS_ANSWER_HISTORY (self));

  row = gtk_list_box_get_row_at_index (self->version_list, (int) index);
  if (row != NULL)
    gtk_list_box_select_row (self->version_list, row);
}

GtkTextView *
upp_answer_history_get_changes_view (UppAnswerHistory *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_HISTORY (self), NULL);

  return self->changes_view;
}

static void
upp_answer_history_dispose (GObject *object)
{
  UppAnswerHistory *self = UPP_ANSWER_HISTORY (object);

  g_clear_object (&self->question);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  /* The list's rows go with it and would select others on the way. */
  if (self->version_list != NULL)
    g_signal_handlers_disconnect_by_data (self->version_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ANSWER_HISTORY);

  G_OBJECT_CLASS (upp_answer_history_parent_class)->dispose (object);
}

static void
upp_answer_history_class_init (UppAnswerHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_answer_history_dispose;

  signals[RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-answer-history.ui");
  gtk_widget_class_bind_template_child (widget_class, UppAnswerHistory, changes_label);
  gtk_widget_class_bind_template_child (widget_class, UppAnswerHistory, changes_view);
  gtk_widget_class_bind_template_child (widget_class, UppAnswerHistory, restore_button);
  gtk_widget_class_bind_template_child (widget_class, UppAnswerHistory, title_label);
  gtk_widget_class_bind_template_child (widget_class, UppAnswerHistory, version_list);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked_cb);
}

static void
upp_answer_history_init (UppAnswerHistory *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->changes_view);
  /* Marked by more than colour, for people who do not see it. */
  gtk_text_buffer_create_tag (buffer, "inserted", "underline", PANGO_UNDERLINE_SINGLE,
                              "background", "rgba(46,194,126,0.3)", NULL);
  gtk_text_buffer_create_tag (buffer, "deleted", "strikethrough", TRUE,
                              "background", "rgba(224,27,36,0.25)", NULL);
  gtk_text_buffer_create_tag (buffer, "choice", "weight", PANGO_WEIGHT_BOLD, NULL);
  g_signal_connect (self->version_list, "row-selected", G_CALLBACK (on_row_selected_cb), self);
}

GtkWidget *
upp_answer_history_new (void)
{
  return g_object_new (UPP_TYPE_ANSWER_HISTORY, NULL);
}
