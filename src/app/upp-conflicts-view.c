/* upp-conflicts-view.c: answers, interview details and unit names changed on two laptops,
 * side by side, to be settled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-conflicts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-answer-key.h"
#include "upp-conflict.h"
#include "upp-store-exchange.h"
#include "upp-conflicts-view.h"
#include "upp-question.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"

struct _UppConflictsView
{
  AdwBin       parent_instance;

  UppSession  *session;
  GListModel  *conflicts;  /* the session's */
  guint        n_conflicts;

  GtkFrame    *combined_frame;
  GtkLabel    *combined_heading;
  GtkTextView *combined_text;
  GtkLabel    *explanation;
  GtkLabel    *heading;
  GtkListBox  *list;
  GtkLabel    *mine_details;
  GtkTextView *mine_text;
  GtkStack    *stack;
  GtkLabel    *theirs_details;
  GtkTextView *theirs_text;
  GtkButton   *use_combined_button;
};

G_DEFINE_FINAL_TYPE (UppConflictsView, upp_conflicts_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_N_CONFLICTS,
  N_PROPS
};

enum {
  RESOLVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
dup_local_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The chosen codes by their labels in the round's template, e.g. "Klar och undertecknad". */
static char *
dup_choice_labels (UppStore           *store,
                   UppConflict        *conflict,
                   const char * const *choices)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  UppQuestion *question = NULL;
  const UppItemField *field = NULL;

  if (store != NULL)
    round = upp_store_load_round (store, upp_conflict_get_round_uuid (conflict), NULL);
  /* A choice field (the checklist's status beside Ansvar and Tid) has choices of its own. */
  if (round != NULL)
    upp_answer_key_resolve (upp_round_get_template (round),
                            upp_conflict_get_question_key (conflict),
                            NULL, &question, &field, NULL);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      const UppChoice *choice = NULL;

      if (field != NULL)
        choice = upp_item_field_find_choice (field, choices[i]);
      else if (question != NULL)
        choice = upp_question_find_choice (question, choices[i]);

      if (labels->len > 0)
        g_string_append (labels, ", ");
      g_string_append (labels, choice ? choice->label : choices[i]);
    }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static char *
dup_side_details (UppStore           *store,
                  UppConflict        *conflict,
                  const char         *modified,
                  const char         *device,
                  const char * const *choices)
{
  g_autofree char *when = dup_local_time (modified);
  g_autofree char *where = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *name = NULL;

  if (store != NULL && g_strcmp0 (device, upp_store_get_device_id (store)) == 0)
    where = g_strdup (_("this computer"));
  else if (store != NULL && (name = upp_store_dup_device_name (store, device, NULL)) != NULL)
    /* Translators: %s is another computer's name, as its user gave it, "Annas dator". */
    where = g_strdup_printf (_("“%s”"), name);
  else
    /* Translators: %s is the start of another computer's device id; that computer has no
     * name (it was never named, or its files were made by an older version). */
    where = g_strdup_printf (_("computer %.8s"), device);
  if (choices == NULL || choices[0] == NULL)
    /* Translators: when an answer was changed, and on which computer. */
    return g_strdup_printf (_("Changed %s on %s"), when, where);
  codes = dup_choice_labels (store, conflict, choices);
  /* Translators: when and where an answer was changed, then its chosen codes. */
  return g_strdup_printf (_("Changed %s on %s · codes: %s"), when, where, codes);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

static char *
dup_combined (UppConflict *conflict)
{
  const char *mine = upp_conflict_get_mine_text (conflict);
  const char *theirs = upp_conflict_get_theirs_text (conflict);

  /* A name or a date is not merged by putting both in: start from ours. */
  if (upp_conflict_get_kind (conflict) != UPP_CONFLICT_KIND_ANSWER)
    return g_strdup (mine);

  if (*mine == '\0')
    return g_strdup (theirs);
  if (*theirs == '\0')
    return g_strdup (mine);
  return g_strconcat (mine, "\n\n", theirs, NULL);
}

static UppConflict *
get_selected (UppConflictsView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  if (row == NULL)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->conflicts), gtk_list_box_row_get_index (row));
}

/* Words for what changed on both, and a written value only where one makes sense: a status
 * or mode is settled by choosing a side. */
static void
show_kind (UppConflictsView *self,
           UppConflict      *conflict)
{
  gboolean can_write = upp_conflict_can_use_text (conflict);

  switch (upp_conflict_get_kind (conflict))
    {
    case UPP_CONFLICT_KIND_UNIT_NAME:
      gtk_label_set_label (self->explanation,
                           _("This unit was renamed on this computer and on another one since "
                             "they last exchanged files. Both names are kept until you "
                             "choose."));
      break;
    case UPP_CONFLICT_KIND_THEME_NAME:
      gtk_label_set_label (self->explanation,
                           _("This theme of the codebook was renamed on this computer and on "
                             "another one since they last exchanged files. Both names are kept "
                             "until you choose; the coded passages stay with the theme."));
      break;
    case UPP_CONFLICT_KIND_DETAIL:
      gtk_label_set_label (self->explanation,
                           _("This interview detail was changed on this computer and on another "
                             "one since they last exchanged files. Both values are kept until "
                             "you choose."));
      break;
    case UPP_CONFLICT_KIND_ANSWER:
    default:
      gtk_label_set_label (self->explanation,
                           _("This answer was changed on this computer and on another one since "
                             "they last exchanged files. Both versions are kept until you "
                             "choose."));
      break;
    }
  if (upp_conflict_get_kind (conflict) == UPP_CONFLICT_KIND_ANSWER)
    {
      gtk_label_set_label (self->combined_heading, _("Combined Text"));
      gtk_button_set_label (self->use_combined_button, _("_Use Combined Text"));
    }
  else
    {
      gtk_label_set_label (self->combined_heading, _("Another Value"));
      gtk_button_set_label (self->use_combined_button, _("_Use This Value"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->combined_heading), can_write);
  gtk_widget_set_visible (GTK_WIDGET (self->combined_frame), can_write);
  gtk_widget_set_visible (GTK_WIDGET (self->use_combined_button), can_write);
}

static void
show_conflict (UppConflictsView *self,
               UppConflict      *conflict)
{
  g_autofree char *heading = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *combined = NULL;
  UppStore *store;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.keep-mine", conflict != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.keep-theirs", conflict != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.use-combined",
                                 conflict != NULL && upp_conflict_can_use_text (conflict));
  if (conflict == NULL)
    return;

  show_kind (self, conflict);

  /* Translators: unit, question number and label, e.g. "Falun: 4 Utmaningar". */
  heading = g_strdup_printf (_("%s: %s"), upp_conflict_get_unit_name (conflict),
                             upp_conflict_get_question_label (conflict));
  gtk_label_set_label (self->heading, heading);
  store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  mine = dup_side_details (store, conflict, upp_conflict_get_mine_modified (conflict),
                           upp_conflict_get_mine_device (conflict),
                           upp_conflict_get_mine_choices (conflict));
  theirs = dup_side_details (store, conflict,
                             upp_conflict_get_theirs_modified (conflict),
                             upp_conflict_get_theirs_device (conflict),
                             upp_conflict_get_theirs_choices (conflict));
  gtk_label_set_label (self->mine_details, mine);
  gtk_label_set_label (self->theirs_details, theirs);
  set_text (self->mine_text, upp_conflict_get_mine_text (conflict));
  set_text (self->theirs_text, upp_conflict_get_theirs_text (conflict));
  combined = dup_combined (conflict);
  set_text (self->combined_text, combined);
}

static void
on_row_selected_cb (UppConflictsView *self,
                    GtkListBoxRow    *row,
                    GtkListBox       *list)
{
  g_autoptr(UppConflict) conflict = get_selected (self);

  show_conflict (self, conflict);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  UppConflict *conflict = item;
  g_autofree char *title = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  /* Translators: unit and question in the list of conflicts, e.g. "Falun · 4 Utmaningar". */
  title = g_strdup_printf (_("%s · %s"), upp_conflict_get_unit_name (conflict),
                           upp_conflict_get_question_label (conflict));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (upp_conflict_get_round_title (conflict));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

/* The list follows the session's model; what is shown beside it follows the selection,
 * which stays at the same place when the conflict there was settled. */
static void
on_conflicts_changed_cb (UppConflictsView *self,
                         guint             position,
                         guint             removed,
                         guint             added)
{
  guint n = self->conflicts != NULL ? g_list_model_get_n_items (self->conflicts) : 0;
  guint old_n = self->n_conflicts;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int selected = row != NULL ? gtk_list_box_row_get_index (row) : (int) position;

  self->n_conflicts = n;
  if (n == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      show_conflict (self, NULL);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "conflicts");
      if (row == NULL)
        gtk_list_box_select_row (self->list,
                                 gtk_list_box_get_row_at_index (self->list,
                                                                MIN (selected, (int) n - 1)));
    }
  if (old_n != n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

static void
show_error (UppConflictsView *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("The Conflict Could Not Be Resolved"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve (UppConflictsView      *self,
         UppConflictResolution  resolution)
{
  g_autoptr(UppConflict) conflict = get_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *combined = NULL;

  if (conflict == NULL || self->session == NULL || upp_session_get_store (self->session) == NULL)
    return;
  if (resolution == UPP_CONFLICT_USE_TEXT)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->combined_text);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      combined = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (!upp_store_resolve_conflict (upp_session_get_store (self->session),
                             upp_conflict_get_id (conflict), resolution, combined, &error))
    {
      show_error (self, error->message);
      return;
    }
  /* Read again now: the settled conflict leaves the list, its answer shows everywhere. */
  upp_session_check_for_changes (self->session);
  g_signal_emit (self, signals[RESOLVED], 0, upp_conflict_get_answer_uuid (conflict));
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resolve (UPP_CONFLICTS_VIEW (widget), UPP_CONFLICT_KEEP_MINE);
}

static void
keep_theirs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  resolve (UPP_CONFLICTS_VIEW (widget), UPP_CONFLICT_KEEP_THEIRS);
}

static void
use_combined_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  resolve (UPP_CONFLICTS_VIEW (widget), UPP_CONFLICT_USE_TEXT);
}

static void
upp_conflicts_view_dispose (GObject *object)
{
  UppConflictsView *self = (UppConflictsView *)object;

  /* AdwBin unparents its child, the template's stack, itself. */
  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_func (self->conflicts, on_conflicts_changed_cb, self);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (upp_conflicts_view_parent_class)->dispose (object);
}

static void
upp_conflicts_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  UppConflictsView *self = UPP_CONFLICTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, upp_conflicts_view_get_n_conflicts (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_conflicts_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  UppConflictsView *self = UPP_CONFLICTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_conflicts_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_conflicts_view_class_init (UppConflictsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_conflicts_view_dispose;
  object_class->get_property = upp_conflicts_view_get_property;
  object_class->set_property = upp_conflicts_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with the answer's (or response's or unit's) uuid after a conflict was settled. */
  signals[RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-conflicts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, combined_frame);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, combined_heading);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, combined_text);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, explanation);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, heading);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, list);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, mine_details);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, mine_text);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, stack);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, theirs_details);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, theirs_text);
  gtk_widget_class_bind_template_child (widget_class, UppConflictsView, use_combined_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "conflict.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "conflict.keep-theirs", NULL,
                                   keep_theirs_action);
  gtk_widget_class_install_action (widget_class, "conflict.use-combined", NULL,
                                   use_combined_action);
}

static void
upp_conflicts_view_init (UppConflictsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  show_conflict (self, NULL);
}

GtkWidget *
upp_conflicts_view_new (void)
{
  return g_object_new (UPP_TYPE_CONFLICTS_VIEW, NULL);
}

UppSession *
upp_conflicts_view_get_session (UppConflictsView *self)
{
  g_return_val_if_fail (UPP_IS_CONFLICTS_VIEW (self), NULL);
  return self->session;
}

void
upp_conflicts_view_set_session (UppConflictsView *self,
                                UppSession       *session)
{
  g_return_if_fail (UPP_IS_CONFLICTS_VIEW (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_func (self->conflicts, on_conflicts_changed_cb, self);
  g_clear_object (&self->conflicts);
  if (session != NULL)
    self->conflicts = g_object_ref (upp_session_get_conflicts (session));
  gtk_list_box_bind_model (self->list, self->conflicts, create_row, NULL, NULL);
  if (self->conflicts != NULL)
    g_signal_connect_object (self->conflicts, "items-changed",
                             G_CALLBACK (on_conflicts_changed_cb), self, G_CONNECT_SWAPPED);
  on_conflicts_changed_cb (self, 0, 0, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

guint
upp_conflicts_view_get_n_conflicts (UppConflictsView *self)
{
  g_return_val_if_fail (UPP_IS_CONFLICTS_VIEW (self), 0);
  return self->n_conflicts;
}
