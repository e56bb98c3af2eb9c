/* upp-search-page.c: the search of every round's answers, opened with Ctrl+F
 *
 * Hits come grouped by round and unit (a header where either changes, as the store orders
 * them), each with its question and a snippet with the match in bold; activating one opens
 * the interview form at the answer with the match selected.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-search-page"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-answer-key.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-round.h"
#include "upp-search-page.h"
#include "upp-search.h"
#include "upp-store.h"
#include "upp-template.h"

struct _UppSearchPage
{
  GtkWidget        parent_instance;

  UppSession      *session;
  GListStore      *hits;          /* UppSearchHit */
  GCancellable    *searching;     /* the search running, cancelled by the next */

  /* Template widgets */
  GtkLabel        *count_label;
  GtkListBox      *hits_list;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkLabel        *placeholder;
};

/* A list box makes a row widget per hit: a query that finds a third of ten years' answers
 * shows the first ones, says how many there are in all and asks for more words. */
#define MAX_SHOWN_HITS 200

G_DEFINE_FINAL_TYPE (UppSearchPage, upp_search_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_count (UppSearchPage *self,
            guint          n_hits)
{
  g_autofree char *text = NULL;

  if (n_hits > MAX_SHOWN_HITS)
    text = g_strdup_printf (_("%u of %u hits shown; add words to narrow the search."),
                            MAX_SHOWN_HITS, n_hits);
  else if (n_hits > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hit", "%u hits", n_hits),
                            n_hits);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), text != NULL);
}

static void
show_hits (UppSearchPage *self,
           GPtrArray     *hits,
           guint          n_matches)
{
  g_list_store_splice (self->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hits)),
                       hits ? hits->pdata : NULL, hits ? hits->len : 0);
  show_count (self, n_matches);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UppSearchPage) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint n_matches = 0;

  hits = upp_session_search_finish (UPP_SESSION (object), result, &n_matches, &error);
  /* A newer search took its place. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->searching);
  if (hits == NULL)
    g_warning ("Could not search: %s", error->message);
  show_hits (self, hits, n_matches);
}

static void
run_search (UppSearchPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  UppStore *store = self->session ? upp_session_get_store (self->session) : NULL;

  gtk_label_set_label (self->placeholder, *query == '\0'
                                           ? _("Type words to find in every round’s answers.")
                                           : _("No answers match."));
  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  if (store == NULL || *query == '\0')
    {
      show_hits (self, NULL, 0);
      return;
    }
  /* In a worker thread, so that typing never waits for the database: ten years of 290
   * units take 1 to 40 ms when a third of the answers match (bench-search), more on the
   * first search after a change. */
  self->searching = g_cancellable_new ();
  upp_session_search_async (self->session, query, MAX_SHOWN_HITS, self->searching,
                            search_done_cb, g_object_ref (self));
}

static void
on_search_changed_cb (UppSearchPage *self)
{
  run_search (self);
}

/* The newest of the region's rounds, for a theme: its codebook is the region's. */
static const char *
find_newest_round (UppSearchPage *self,
                   const char    *region_code)
{
  GListModel *rounds = upp_session_get_rounds (self->session);
  const char *newest = NULL;
  int newest_year = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(UppRound) round = g_list_model_get_item (rounds, i);

      if (g_strcmp0 (upp_region_get_code (upp_round_get_region (round)), region_code) == 0 &&
          upp_round_get_year (round) > newest_year)
        {
          newest = upp_round_get_uuid (round);
          newest_year = upp_round_get_year (round);
        }
    }
  return newest;
}

static void
open_hit (UppSearchPage *self,
          UppSearchHit  *hit)
{
  const char *round_uuid = NULL;

  /* A report text opens its round's report, a theme the codebook of its region's newest
   * round. */
  if (upp_search_hit_get_kind (hit) == UPP_SEARCH_HIT_REPORT_TEXT)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-round-view", "(ss)",
                                  upp_search_hit_get_round_uuid (hit), "report");
      return;
    }
  if (upp_search_hit_get_kind (hit) == UPP_SEARCH_HIT_THEME)
    {
      round_uuid = find_newest_round (self, upp_search_hit_get_region_code (hit));
      if (round_uuid != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-round-view", "(ss)",
                                    round_uuid, "themes");
      return;
    }
  if (upp_search_hit_get_kind (hit) == UPP_SEARCH_HIT_INTERVIEW_NOTE)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-interview-note", "(sssii)",
                                  upp_search_hit_get_round_uuid (hit),
                                  upp_search_hit_get_unit_uuid (hit),
                                  upp_search_hit_get_answer_uuid (hit),
                                  (gint32) upp_search_hit_get_match_start (hit),
                                  (gint32) upp_search_hit_get_match_end (hit));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-answer", "(sssii)",
                              upp_search_hit_get_round_uuid (hit),
                              upp_search_hit_get_unit_uuid (hit),
                              upp_search_hit_get_question_key (hit),
                              (gint32) upp_search_hit_get_match_start (hit),
                              (gint32) upp_search_hit_get_match_end (hit));
}

/* Return in the entry opens the first hit. */
static void
on_search_activate_cb (UppSearchPage *self)
{
  g_autoptr(UppSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (self->hits), 0);

  if (hit != NULL)
    open_hit (self, hit);
}

static void
on_hit_activated_cb (UppSearchPage *self,
                     GtkListBoxRow *row)
{
  UppSearchHit *hit = g_object_get_data (G_OBJECT (row), "upp-search-hit");

  if (hit != NULL)
    open_hit (self, hit);
}

static char *
dup_question_text (UppSearchPage *self,
                   UppSearchHit  *hit)
{
  UppRound *round = upp_session_find_round (self->session, upp_search_hit_get_round_uuid (hit));
  const char *key = upp_search_hit_get_question_key (hit);
  UppTemplate *template;
  UppQuestion *question;
  char *title;

  if (upp_search_hit_get_kind (hit) == UPP_SEARCH_HIT_INTERVIEW_NOTE)
    return g_strdup (_("Interview note"));
  if (upp_search_hit_get_kind (hit) == UPP_SEARCH_HIT_THEME)
    return g_strdup (_("Theme"));
  if (upp_search_hit_get_kind (hit) == UPP_SEARCH_HIT_REPORT_TEXT)
    return g_strdup (_("Report text"));
  template = round ? upp_round_get_template (round) : NULL;
  question = template ? upp_template_find_question (template, key) : NULL;
  if (question != NULL)
    return g_strdup (upp_question_get_text (question));
  /* An item field or a table cell: its question and the field's or column's label. */
  title = upp_answer_key_dup_title (template, key);
  return title != NULL ? title : g_strdup (key);
}

static GtkWidget *
create_hit_row (gpointer item,
                gpointer user_data)
{
  UppSearchPage *self = user_data;
  UppSearchHit *hit = item;
  g_autofree char *snippet = upp_search_hit_dup_snippet (hit, "<b>", "</b>", TRUE);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *question_text = dup_question_text (self, hit);
  GtkWidget *question = gtk_label_new (question_text);
  GtkWidget *passage = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (question), 0);
  gtk_label_set_ellipsize (GTK_LABEL (question), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (question, "dim-label");
  gtk_widget_add_css_class (question, "caption");
  gtk_label_set_markup (GTK_LABEL (passage), snippet);
  gtk_label_set_xalign (GTK_LABEL (passage), 0);
  gtk_label_set_wrap (GTK_LABEL (passage), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (passage), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), question);
  gtk_box_append (GTK_BOX (box), passage);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "upp-search-hit", g_object_ref (hit), g_object_unref);
  return row;
}

static UppSearchHit *
row_hit (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "upp-search-hit") : NULL;
}

/* A heading above the first hit of each round and unit: "2025 · Title — Unit". */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  UppSearchHit *hit = row_hit (row);
  UppSearchHit *previous = row_hit (before);
  g_autofree char *title = NULL;
  GtkWidget *label;

  if (previous != NULL &&
      g_strcmp0 (upp_search_hit_get_round_uuid (hit),
                 upp_search_hit_get_round_uuid (previous)) == 0 &&
      g_strcmp0 (upp_search_hit_get_unit_uuid (hit),
                 upp_search_hit_get_unit_uuid (previous)) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  /* A round's report texts have no unit, themes no round. */
  if (upp_search_hit_get_kind (hit) == UPP_SEARCH_HIT_THEME)
    title = g_strdup (_("Codebook"));
  else if (*upp_search_hit_get_unit_name (hit) == '\0')
    title = g_strdup_printf ("%d · %s", upp_search_hit_get_year (hit),
                             upp_search_hit_get_round_title (hit));
  else
    title = g_strdup_printf ("%d · %s — %s", upp_search_hit_get_year (hit),
                             upp_search_hit_get_round_title (hit),
                             upp_search_hit_get_unit_name (hit));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_add_css_class (label, "heading");
  gtk_list_box_row_set_header (row, label);
}

UppSession *
upp_search_page_get_session (UppSearchPage *self)
{
  g_return_val_if_fail (UPP_IS_SEARCH_PAGE (self), NULL);

  return self->session;
}

void
upp_search_page_set_session (UppSearchPage *self,
                             UppSession    *session)
{
  g_return_if_fail (UPP_IS_SEARCH_PAGE (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  run_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
upp_search_page_focus_entry (UppSearchPage *self)
{
  g_return_if_fail (UPP_IS_SEARCH_PAGE (self));

  /* Answers may have changed since the last visit. */
  run_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
upp_search_page_dispose (GObject *object)
{
  UppSearchPage *self = (UppSearchPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_SEARCH_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  g_clear_object (&self->session);
  g_clear_object (&self->hits);

  G_OBJECT_CLASS (upp_search_page_parent_class)->dispose (object);
}

static void
upp_search_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UppSearchPage *self = UPP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_search_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UppSearchPage *self = UPP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_search_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_search_page_class_init (UppSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_search_page_dispose;
  object_class->get_property = upp_search_page_get_property;
  object_class->set_property = upp_search_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UppSearchPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, UppSearchPage, hits_list);
  gtk_widget_class_bind_template_child (widget_class, UppSearchPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, UppSearchPage, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
}

static void
upp_search_page_init (UppSearchPage *self)
{
  self->hits = g_list_store_new (UPP_TYPE_SEARCH_HIT);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->hits_list, G_LIST_MODEL (self->hits), create_hit_row, self,
                           NULL);
  gtk_list_box_set_header_func (self->hits_list, update_header, NULL, NULL);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->placeholder), 24);
  gtk_list_box_set_placeholder (self->hits_list, GTK_WIDGET (self->placeholder));
}
