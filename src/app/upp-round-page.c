/* upp-round-page.c: one round: overview, comparison, charts and report in a view switcher
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-round-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-round-overview.h"
#include "upp-round-page.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-window.h"

/* The views other parts of the app provide. Each is switched on by its header being
 * present, so this page builds before and after they are merged. */
#if __has_include ("upp-comparison-view.h")
# include "upp-comparison-view.h"
# define HAVE_COMPARISON_VIEW 1
#endif
#if __has_include ("upp-charts-view.h")
# include "upp-charts-view.h"
# define HAVE_CHARTS_VIEW 1
#endif
#if __has_include ("upp-report-page.h")
# include "upp-report-page.h"
# define HAVE_REPORT_PAGE 1
#endif
#if __has_include ("upp-export-actions.h")
# include "upp-export-actions.h"
# define HAVE_EXPORT_ACTIONS 1
#endif

struct _UppRoundPage
{
  GtkWidget           parent_instance;

  UppStore           *store;
  UppSession         *session;  /* TODO(shell) */
  UppRound           *round;

  GtkWidget          *comparison_view;
  GtkWidget          *charts_view;
  GtkWidget          *report_page;

  /* Template widgets */
  GtkMenuButton      *menu_button;
  UppRoundOverview   *overview;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack       *view_stack;
};

G_DEFINE_FINAL_TYPE (UppRoundPage, upp_round_page, GTK_TYPE_WIDGET)

static UppWindow *
get_window (UppRoundPage *self)
{
  return UPP_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

/* TODO(shell): the views follow the session's models by themselves; the round page binds
 * session and round down to them in its .ui file. */
static void
update_views (UppRoundPage *self)
{
  UppRound *round = self->round;

  /* The session's own round object, which it keeps up to date. */
  if (self->session != NULL && round != NULL &&
      upp_session_find_round (self->session, upp_round_get_uuid (round)) != NULL)
    round = upp_session_find_round (self->session, upp_round_get_uuid (round));
#ifdef HAVE_COMPARISON_VIEW
  upp_comparison_view_set_session (UPP_COMPARISON_VIEW (self->comparison_view), self->session);
  upp_comparison_view_set_round (UPP_COMPARISON_VIEW (self->comparison_view), round);
#endif
#ifdef HAVE_CHARTS_VIEW
  upp_charts_view_set_session (UPP_CHARTS_VIEW (self->charts_view), self->session);
  upp_charts_view_set_round (UPP_CHARTS_VIEW (self->charts_view), round);
#endif
#ifdef HAVE_REPORT_PAGE
  upp_report_page_set_session (UPP_REPORT_PAGE (self->report_page), self->session);
  upp_report_page_set_round (UPP_REPORT_PAGE (self->report_page), round);
#endif
}

void
upp_round_page_set_round (UppRoundPage *self,
                          UppStore     *store,
                          UppSession   *session,  /* TODO(shell) */
                          UppRound     *round)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (UPP_IS_ROUND_PAGE (self));

  g_set_object (&self->store, store);
  g_set_object (&self->session, session);  /* TODO(shell) */
  g_set_object (&self->round, round);

  adw_view_switcher_title_set_title (self->switcher_title, upp_round_get_title (round));
  subtitle = g_strdup_printf ("%d · %s", upp_round_get_year (round),
                              upp_round_get_region_name (round));
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  upp_round_overview_set_round (self->overview, store, round);
  update_views (self);
}

UppRound *
upp_round_page_get_round (UppRoundPage *self)
{
  g_return_val_if_fail (UPP_IS_ROUND_PAGE (self), NULL);

  return self->round;
}

void
upp_round_page_focus_units (UppRoundPage *self)
{
  g_return_if_fail (UPP_IS_ROUND_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  upp_round_overview_focus_units (self->overview);
}

void
upp_round_page_focus_unit (UppRoundPage *self,
                           guint         position)
{
  g_return_if_fail (UPP_IS_ROUND_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  upp_round_overview_focus_unit (self->overview, position);
}

void
upp_round_page_refresh (UppRoundPage *self)
{
  g_return_if_fail (UPP_IS_ROUND_PAGE (self));

  upp_round_overview_refresh (self->overview);
  update_views (self);
}

/* Round actions */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);

  upp_window_edit_round (get_window (self), self->round);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);

  upp_window_duplicate_round (get_window (self), self->round);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);

  upp_window_delete_round (get_window (self), self->round);
}

/* ACTION SLOTS round.export-xlsx and round.export-csv: the export helper's
 * upp_export_actions_run (parent, store, round, format, toasts). */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);
  const char *format = g_str_equal (action_name, "round.export-xlsx") ? "xlsx" : "csv";
  UppWindow *window = get_window (self);

#ifdef HAVE_EXPORT_ACTIONS
  /* TODO(shell) */
  upp_export_actions_run (GTK_WINDOW (window), self->session, self->round, format);
#else
  (void) format;
  upp_window_show_toast (window, _("Export is not available in this build"));
#endif
}

/* Sends this round's answers to a colleague's laptop (exchange helper). */
static void
exchange_export_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);

  upp_window_exchange_export (get_window (self), self->round);
}

static void
add_view (UppRoundPage *self,
          GtkWidget    *child,
          const char   *name,
          const char   *title,
          const char   *icon_name)
{
  AdwViewStackPage *page;

  page = adw_view_stack_add_titled (self->view_stack, child, name, title);
  adw_view_stack_page_set_icon_name (page, icon_name);
}

static void
upp_round_page_dispose (GObject *object)
{
  UppRoundPage *self = UPP_ROUND_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ROUND_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);
  g_clear_object (&self->session);  /* TODO(shell) */
  g_clear_object (&self->round);

  G_OBJECT_CLASS (upp_round_page_parent_class)->dispose (object);
}

static void
upp_round_page_class_init (UppRoundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_round_page_dispose;

  g_type_ensure (UPP_TYPE_ROUND_OVERVIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-round-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, overview);
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, view_stack);

  gtk_widget_class_install_action (widget_class, "round.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "round.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "round.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "round.export-xlsx", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "round.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "round.exchange-export", NULL,
                                   exchange_export_action);
}

static void
upp_round_page_init (UppRoundPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_menu_model (self->menu_button, upp_window_get_primary_menu ());

#ifdef HAVE_COMPARISON_VIEW
  self->comparison_view = upp_comparison_view_new ();
  add_view (self, self->comparison_view, "comparison", _("Comparison"), "view-grid-symbolic");
#endif
#ifdef HAVE_CHARTS_VIEW
  self->charts_view = upp_charts_view_new ();
  add_view (self, self->charts_view, "charts", _("Charts"), "power-profile-performance-symbolic");
#endif
#ifdef HAVE_REPORT_PAGE
  self->report_page = upp_report_page_new ();
  add_view (self, self->report_page, "report", _("Report"), "x-office-document-symbolic");
#endif
  (void) add_view;

#ifndef HAVE_EXPORT_ACTIONS
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "round.export-xlsx", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "round.export-csv", FALSE);
#endif
}
