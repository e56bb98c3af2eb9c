/* upp-round-row.c: one round in the rounds list: year, region, title, progress
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-round-row"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-round-row.h"
#include "upp-round.h"

struct _UppRoundRow
{
  GtkWidget    parent_instance;

  UppRound    *round;

  /* Template widgets */
  GtkLevelBar *level_bar;
  GtkLabel    *progress_label;
  GtkLabel    *region_label;
  GtkLabel    *title_label;
  GtkLabel    *year_label;
};

G_DEFINE_FINAL_TYPE (UppRoundRow, upp_round_row, GTK_TYPE_WIDGET)

char *
upp_round_row_format_progress (guint n_answered,
                     guint n_total)
{
  /* Translators: progress of a round, e.g. "8 of 11 answered"; %u are numbers of units. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u answered", "%u of %u answered",
                                       n_total),
                          n_answered, n_total);
}

static void
update_labels (UppRoundRow *self)
{
  g_autofree char *year = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *label = NULL;
  UppRound *round = self->round;
  guint n_units, n_answered;

  if (round == NULL)
    return;

  n_units = upp_round_get_n_units (round);
  n_answered = upp_round_get_n_answered (round);
  year = g_strdup_printf ("%d", upp_round_get_year (round));
  progress = upp_round_row_format_progress (n_answered, n_units);

  gtk_label_set_text (self->year_label, year);
  gtk_label_set_text (self->title_label, upp_round_get_title (round));
  gtk_label_set_text (self->region_label, upp_round_get_region_name (round));
  gtk_label_set_text (self->progress_label, progress);
  gtk_level_bar_set_value (self->level_bar, n_units > 0 ? (double) n_answered / n_units : 0.0);

  /* Screen readers and the GUI tests read the row by what it shows. */
  label = g_strdup_printf ("%d %s %s", upp_round_get_year (round),
                           upp_round_get_region_name (round), upp_round_get_title (round));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
upp_round_row_set_round (UppRoundRow *self,
                         UppRound    *round)
{
  g_return_if_fail (UPP_IS_ROUND_ROW (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (self->round == round)
    return;

  /* The session updates a round in place when it changes: the row follows it. */
  if (self->round != NULL)
    g_signal_handlers_disconnect_by_func (self->round, update_labels, self);
  g_set_object (&self->round, round);
  if (round != NULL)
    g_signal_connect_object (round, "notify", G_CALLBACK (update_labels), self,
                             G_CONNECT_SWAPPED);
  update_labels (self);
}

static void
upp_round_row_dispose (GObject *object)
{
  GtkWidget *child;

  upp_round_row_set_round (UPP_ROUND_ROW (object), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), UPP_TYPE_ROUND_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (upp_round_row_parent_class)->dispose (object);
}

static void
upp_round_row_class_init (UppRoundRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_round_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-round-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UppRoundRow, level_bar);
  gtk_widget_class_bind_template_child (widget_class, UppRoundRow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, UppRoundRow, region_label);
  gtk_widget_class_bind_template_child (widget_class, UppRoundRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, UppRoundRow, year_label);
}

static void
upp_round_row_init (UppRoundRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
upp_round_row_new (void)
{
  return g_object_new (UPP_TYPE_ROUND_ROW, NULL);
}
