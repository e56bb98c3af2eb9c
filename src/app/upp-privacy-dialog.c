/* upp-privacy-dialog.c: the check before a round's data leaves the computer, and the dialog
 * that lists what looks like personal data
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-privacy-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "upp-answer-key.h"
#include "upp-privacy-dialog.h"
#include "upp-privacy.h"
#include "upp-question.h"
#include "upp-response-form.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"

/* Characters of the text shown either side of a match. */
#define CONTEXT_CHARS 40
/* Rows shown at most; a round full of numbers gets a line saying how many more. */
#define MAX_ROWS 200

/* A match and the round it is in. */
typedef struct
{
  UppRound          *round;
  UppPrivacyFinding *finding;  /* owned by the round's findings */
} Entry;

struct _UppPrivacyDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *findings_list;
};

G_DEFINE_FINAL_TYPE (UppPrivacyDialog, upp_privacy_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
upp_privacy_dialog_class_init (UppPrivacyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/"
                                               "upp-privacy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UppPrivacyDialog, findings_list);
}

static void
upp_privacy_dialog_init (UppPrivacyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Where in the round: "3. Question text", an interview note or a report text. */
static char *
dup_place_label (UppRound          *round,
                 UppPrivacyFinding *finding)
{
  UppTemplate *template = upp_round_get_template (round);
  UppQuestion *question = NULL;

  if (g_str_equal (finding->place, "interview_note"))
    return g_strdup (_("Interview note"));
  if (g_str_has_prefix (finding->place, "report_text:"))
    return g_strdup (_("Report text"));
  if (template != NULL)
    {
      question = upp_template_find_question (template, finding->question_key);
      if (question == NULL)
        upp_answer_key_resolve (template, finding->question_key, NULL, &question, NULL, NULL);
    }
  if (question == NULL)
    return g_strdup (finding->question_key);
  /* Translators: a question's number and text, e.g. "3. Hur ser samverkan ut?" */
  return g_strdup_printf (_("%s. %s"), upp_question_get_number (question),
                          upp_question_get_text (question));
}

/* The match in its context, the match bold, as markup. */
static char *
dup_context_markup (UppPrivacyFinding *finding)
{
  g_autofree char *context = upp_privacy_finding_dup_context (finding, CONTEXT_CHARS);
  g_autofree char *matched = upp_privacy_finding_dup_matched (finding);
  const char *at = strstr (context, matched);
  g_autofree char *before = NULL;
  g_autofree char *bold = NULL;
  g_autofree char *after = NULL;

  if (at == NULL)
    return g_markup_printf_escaped ("<b>%s</b>", matched);
  before = g_markup_escape_text (context, at - context);
  bold = g_markup_escape_text (matched, -1);
  after = g_markup_escape_text (at + strlen (matched), -1);
  return g_strdup_printf ("%s<b>%s</b>%s", before, bold, after);
}

static void
on_go_to_clicked_cb (GtkButton        *button,
                     UppPrivacyDialog *self)
{
  Entry *entry = g_object_get_data (G_OBJECT (button), "entry");
  UppPrivacyFinding *finding = entry->finding;
  g_autoptr(GtkWindow) parent = g_object_ref (gtk_window_get_transient_for (GTK_WINDOW (self)));
  const char *text = finding->text;
  gint32 start = (gint32) g_utf8_pointer_to_offset (text, text + finding->match.start);
  gint32 end = (gint32) g_utf8_pointer_to_offset (text, text + finding->match.end);
  g_autofree char *round_uuid = g_strdup (upp_round_get_uuid (entry->round));
  g_autofree char *place = g_strdup (finding->place);
  g_autofree char *unit_uuid = g_strdup (finding->unit_uuid);
  g_autofree char *object_uuid = g_strdup (finding->object_uuid);
  g_autofree char *question_key = g_strdup (finding->question_key);

  /* The dialog answers Cancel first (which frees the findings), so the export stops before
   * the form opens. */
  gtk_window_close (GTK_WINDOW (self));
  /* From a dialog over the window (the units to send), the window's form. */
  while (gtk_window_get_transient_for (parent) != NULL)
    {
      GtkWindow *dialog = g_steal_pointer (&parent);

      parent = g_object_ref (gtk_window_get_transient_for (dialog));
      gtk_window_destroy (dialog);
      g_object_unref (dialog);
    }
  if (g_str_has_prefix (place, "report_text:"))
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-round-view", "(ss)", round_uuid,
                                "report");
  else if (g_str_equal (place, "interview_note"))
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-interview-note", "(sssii)",
                                round_uuid, unit_uuid, object_uuid, start, end);
  else
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-answer", "(sssii)", round_uuid,
                                unit_uuid, question_key, start, end);
}

static GtkWidget *
create_row (UppPrivacyDialog *self,
            Entry            *entry)
{
  UppPrivacyFinding *finding = entry->finding;
  g_autofree char *place = dup_place_label (entry->round, finding);
  g_autofree char *context = dup_context_markup (finding);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *button;

  /* Translators: a match's unit and where in its answers, e.g. "Falun · 3. Samverkan". */
  title = *finding->unit_name != '\0'
          ? g_markup_printf_escaped (_("%s · %s"), finding->unit_name, place)
          : g_markup_escape_text (place, -1);
  /* Translators: the kind of personal data, then the text it is in, e.g. "Looks like a
   * personal identity number: … ring 850412-1230 …" */
  subtitle = g_strdup_printf (_("%s: %s"), upp_privacy_kind_describe (finding->match.kind),
                              context);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_mnemonic (_("_Go To"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "entry", entry);
  g_signal_connect (button, "clicked", G_CALLBACK (on_go_to_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static UppPrivacyDialog *
upp_privacy_dialog_new (GtkWindow *parent,
                        GPtrArray *entries)
{
  UppPrivacyDialog *self = g_object_new (UPP_TYPE_PRIVACY_DIALOG,
                                         "transient-for", parent,
                                         "modal", TRUE,
                                         NULL);
  g_autofree char *body = NULL;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u passage looks like personal data. Mask it before "
                                       "the data leaves this computer, or go to it and edit "
                                       "it.",
                                       "%u passages look like personal data. Mask them "
                                       "before the data leaves this computer, or go to them "
                                       "and edit them.", entries->len), entries->len);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  for (guint i = 0; i < entries->len && i < MAX_ROWS; i++)
    gtk_list_box_append (self->findings_list, create_row (self, g_ptr_array_index (entries, i)));
  if (entries->len > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more",
                                                            "%u more", entries->len - MAX_ROWS),
                                               entries->len - MAX_ROWS);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->findings_list, row);
    }
  return self;
}

/* ---- the check --------------------------------------------------------------------------- */

typedef struct
{
  GtkWindow  *parent;    /* weak */
  UppSession *session;
  GPtrArray  *rounds;    /* UppRound, to check */
  GPtrArray  *findings;  /* GPtrArray of UppPrivacyFinding, one per round */
  GPtrArray  *entries;   /* Entry */
  guint       next;      /* the round checked or masked next */
  gint64      started;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_weak_pointer (&data->parent);
  g_clear_object (&data->session);
  g_clear_pointer (&data->rounds, g_ptr_array_unref);
  g_clear_pointer (&data->findings, g_ptr_array_unref);
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_free (data);
}

/* The interview form on screen in parent's window, if any: what it holds unsaved is saved
 * before the check, and it shows the masked answers after. */
static UppResponseForm *
find_open_form (GtkWidget *widget)
{
  if (UPP_IS_RESPONSE_FORM (widget))
    return gtk_widget_get_mapped (widget) ? UPP_RESPONSE_FORM (widget) : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      UppResponseForm *form = find_open_form (child);

      if (form != NULL)
        return form;
    }
  return NULL;
}

static UppResponseForm *
find_window_form (GtkWindow *parent)
{
  while (parent != NULL && gtk_window_get_transient_for (parent) != NULL)
    parent = gtk_window_get_transient_for (parent);
  return parent != NULL ? find_open_form (GTK_WIDGET (parent)) : NULL;
}

static void check_next_round (GTask *task);
static void mask_next_round (GTask *task);

static void
on_masked_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!upp_session_mask_personal_data_finish (UPP_SESSION (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->next++;
  mask_next_round (g_steal_pointer (&task));
}

static void
mask_next_round (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);

  while (data->next < data->rounds->len &&
         ((GPtrArray *) g_ptr_array_index (data->findings, data->next))->len == 0)
    data->next++;
  if (data->next == data->rounds->len)
    {
      UppResponseForm *form = find_window_form (data->parent);

      /* The form reads its unit again, so that it shows (and later saves) the masked text. */
      if (form != NULL)
        upp_response_form_set_position (form, upp_response_form_get_position (form));
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  upp_session_mask_personal_data_async (data->session,
                                        g_ptr_array_index (data->rounds, data->next),
                                        g_ptr_array_index (data->findings, data->next),
                                        g_task_get_cancellable (task), on_masked_cb, task);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GTask            *task)
{
  CheckData *data = g_task_get_task_data (task);

  if (g_str_equal (response, "mask"))
    {
      data->next = 0;
      mask_next_round (task);
      return;
    }
  g_task_return_boolean (task, g_str_equal (response, "export"));
  g_object_unref (task);
}

static void
ask (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);
  UppPrivacyDialog *dialog;

  if (data->parent == NULL)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }
  dialog = upp_privacy_dialog_new (data->parent, data->entries);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_found_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  UppRound *round = g_ptr_array_index (data->rounds, data->next);
  GError *error = NULL;
  GPtrArray *findings;

  findings = upp_session_find_personal_data_finish (UPP_SESSION (object), result, &error);
  if (findings == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (data->findings, findings);
  for (guint i = 0; i < findings->len; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->round = round;
      entry->finding = g_ptr_array_index (findings, i);
      g_ptr_array_add (data->entries, entry);
    }
  data->next++;
  check_next_round (g_steal_pointer (&task));
}

static void
check_next_round (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);

  if (data->next < data->rounds->len)
    {
      upp_session_find_personal_data_async (data->session,
                                            g_ptr_array_index (data->rounds, data->next),
                                            g_task_get_cancellable (task), on_found_cb, task);
      return;
    }
  g_debug ("Personal data checked in %" G_GINT64_FORMAT " ms: %u matches",
           (g_get_monotonic_time () - data->started) / 1000, data->entries->len);
  if (data->entries->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  ask (task);
}

void
upp_privacy_dialog_check_async (GtkWindow          *parent,
                                UppSession         *session,
                                const char         *round_uuid,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  GListModel *rounds;
  CheckData *data;
  GTask *task;

  g_return_if_fail (UPP_IS_SESSION (session));

  data = g_new0 (CheckData, 1);
  g_set_weak_pointer (&data->parent, parent);
  data->session = g_object_ref (session);
  data->rounds = g_ptr_array_new_with_free_func (g_object_unref);
  data->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  data->entries = g_ptr_array_new_with_free_func (g_free);
  data->started = g_get_monotonic_time ();

  /* What was typed a moment ago is in the database before it is checked. */
  {
    UppResponseForm *form = find_window_form (parent);

    if (form != NULL)
      upp_response_form_flush (form);
  }

  rounds = upp_session_get_rounds (session);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(UppRound) round = g_list_model_get_item (rounds, i);

      if (round_uuid == NULL || g_str_equal (upp_round_get_uuid (round), round_uuid))
        g_ptr_array_add (data->rounds, g_steal_pointer (&round));
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, upp_privacy_dialog_check_async);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  check_next_round (task);
}

gboolean
upp_privacy_dialog_check_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        upp_privacy_dialog_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the words not to share -------------------------------------------------------------- */

typedef struct
{
  GtkWindow  *parent;    /* weak */
  UppSession *session;
  GtkListBox *list;
  GtkWidget  *add_row;
} WordsEditor;

static void
words_editor_free (gpointer  data,
                   GClosure *closure)
{
  WordsEditor *editor = data;

  g_clear_weak_pointer (&editor->parent);
  g_clear_object (&editor->session);
  g_free (editor);
}

static void fill_words (WordsEditor *editor);

/* Saves the list, and the form on screen marks by it at once. */
static void
save_words (WordsEditor        *editor,
            const char * const *words)
{
  UppStore *store = upp_session_get_store (editor->session);
  g_autoptr(GError) error = NULL;
  UppResponseForm *form = find_window_form (editor->parent);

  if (store == NULL)
    return;
  if (form != NULL)
    upp_response_form_flush (form);
  if (!upp_store_set_privacy_words (store, words, &error))
    {
      AdwMessageDialog *failed =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (editor->parent,
                                                    _("The List Was Not Saved"),
                                                    error->message));

      adw_message_dialog_add_response (failed, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
      return;
    }
  if (form != NULL)
    upp_response_form_set_position (form, upp_response_form_get_position (form));
  fill_words (editor);
}

static void
on_remove_word_clicked_cb (GtkButton   *button,
                           WordsEditor *editor)
{
  const char *removed = g_object_get_data (G_OBJECT (button), "word");
  UppStore *store = upp_session_get_store (editor->session);
  g_auto(GStrv) words = store != NULL ? upp_store_dup_privacy_words (store, NULL) : NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (!g_str_equal (words[i], removed))
      g_strv_builder_add (kept, words[i]);
  list = g_strv_builder_end (kept);
  save_words (editor, (const char * const *) list);
}

static void
on_add_word_cb (AdwEntryRow *row,
                WordsEditor *editor)
{
  g_autofree char *word = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  UppStore *store = upp_session_get_store (editor->session);
  g_auto(GStrv) words = store != NULL ? upp_store_dup_privacy_words (store, NULL) : NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  if (*word == '\0' || words == NULL)
    return;
  g_strv_builder_addv (all, (const char **) words);
  if (!g_strv_contains ((const char * const *) words, word))
    g_strv_builder_add (all, word);
  list = g_strv_builder_end (all);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  save_words (editor, (const char * const *) list);
}

static void
fill_words (WordsEditor *editor)
{
  UppStore *store = upp_session_get_store (editor->session);
  g_auto(GStrv) words = store != NULL ? upp_store_dup_privacy_words (store, NULL) : NULL;
  GtkWidget *child;

  /* Everything but the row that adds. */
  while ((child = gtk_widget_get_next_sibling (editor->add_row)) != NULL)
    gtk_list_box_remove (editor->list, child);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: the tooltip of a word's remove button, %s the word. */
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), words[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), words[i]);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove, -1);
      g_object_set_data_full (G_OBJECT (button), "word", g_strdup (words[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_word_clicked_cb), editor);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (editor->list, row);
    }
}

void
upp_privacy_dialog_edit_words (GtkWindow  *parent,
                               UppSession *session)
{
  WordsEditor *editor;
  GtkWidget *dialog, *scrolled, *list, *add_row;

  g_return_if_fail (UPP_IS_SESSION (session));

  dialog = adw_message_dialog_new (parent, _("Words Not to Share"),
                                   _("Names and words that must not leave this computer, such "
                                     "as clients’ names. They are marked in answers, notes and "
                                     "report texts as you type, and every export asks about "
                                     "them first. The list is kept in this database, so "
                                     "everyone who shares it flags the same words."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Words not to share"), -1);
  add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add a word or name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), add_row);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  editor = g_new0 (WordsEditor, 1);
  g_set_weak_pointer (&editor->parent, parent);
  editor->session = g_object_ref (session);
  editor->list = GTK_LIST_BOX (list);
  editor->add_row = add_row;
  g_signal_connect_data (add_row, "apply", G_CALLBACK (on_add_word_cb), editor,
                         words_editor_free, 0);
  g_signal_connect (add_row, "entry-activated", G_CALLBACK (on_add_word_cb), editor);
  fill_words (editor);
  gtk_window_present (GTK_WINDOW (dialog));
}
