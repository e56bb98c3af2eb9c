/* upp-scroll-into-view.c: a widget just added to a scrolled page, shown once it is laid out
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-scroll-into-view"

#include "config.h"

#include "upp-scroll-into-view.h"

#define PENDING_KEY "upp-scroll-into-view-pending"

typedef struct
{
  GtkScrolledWindow *scrolled_window;
  GtkWidget         *widget;      /* the card or row to show */
  GtkWidget         *focus;       /* in it: the field with the focus, or NULL */
  guint              tick;
  int                last_height;
  double             last_value;  /* where this left the page the frame before */
  guint              frames;
  guint              still;
} ScrollLater;

/* The whole widget in view when it fits, its top at least. */
static void
scroll_to (GtkScrolledWindow *scrolled_window,
           GtkWidget         *widget,
           int                height)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled_window);
  double value = gtk_adjustment_get_value (adjustment);
  graphene_point_t top;

  /* The point is in the scrolled window's visible area; the adjustment counts from the top
   * of the page. */
  if (gtk_widget_get_root (widget) == NULL ||
      !gtk_widget_compute_point (widget, GTK_WIDGET (scrolled_window),
                                 &GRAPHENE_POINT_INIT (0, 0), &top))
    return;
  if (height < 0)
    height = gtk_widget_get_height (widget);
  gtk_adjustment_clamp_page (adjustment, value + top.y - 12,
                             value + top.y + MIN (height + 12,
                                                  gtk_adjustment_get_page_size (adjustment)));
}

static void
scroll_later_free (gpointer data)
{
  ScrollLater *later = data;

  if (g_object_get_data (G_OBJECT (later->scrolled_window), PENDING_KEY) == later)
    g_object_set_data (G_OBJECT (later->scrolled_window), PENDING_KEY, NULL);
  g_object_unref (later->scrolled_window);
  g_free (later);
}

static gboolean
scroll_later_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  ScrollLater *later = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (later->scrolled_window);
  int height = gtk_widget_get_height (widget);

  /* Settled once neither the widget's height nor the page has moved since: the viewport's
   * own glide to the focus, aimed where the widget was before it was laid out, moves the
   * page after this did. */
  later->still = height == later->last_height &&
                 gtk_adjustment_get_value (adjustment) == later->last_value ? later->still + 1 : 0;
  later->last_height = height;
  scroll_to (later->scrolled_window, widget, -1);
  /* The field's first lines, when the widget is taller than the page. */
  if (later->focus != NULL && gtk_widget_is_ancestor (later->focus, widget))
    scroll_to (later->scrolled_window, later->focus,
               MIN (gtk_widget_get_height (later->focus), 48));
  later->last_value = gtk_adjustment_get_value (adjustment);
  return ++later->frames < 60 && later->still < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
upp_scroll_into_view_when_laid_out (GtkWidget *widget,
                                    GtkWidget *focus)
{
  GtkWidget *scrolled_window;
  ScrollLater *pending;
  ScrollLater *later;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  scrolled_window = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled_window == NULL)
    return;

  /* Only the last one asked for: Ctrl+Down held would be scrolled back otherwise. */
  pending = g_object_get_data (G_OBJECT (scrolled_window), PENDING_KEY);
  if (pending != NULL)
    gtk_widget_remove_tick_callback (pending->widget, pending->tick);

  later = g_new0 (ScrollLater, 1);
  later->scrolled_window = g_object_ref (GTK_SCROLLED_WINDOW (scrolled_window));
  later->widget = widget;
  later->focus = focus;
  later->last_height = -1;
  later->last_value = -1;
  g_object_set_data (G_OBJECT (scrolled_window), PENDING_KEY, later);
  later->tick = gtk_widget_add_tick_callback (widget, scroll_later_cb, later, scroll_later_free);
}
