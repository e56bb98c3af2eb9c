/* upp-cursor-follow.c: a text view that grows with its text inside a scrolled page keeps
 * its cursor in view while it is typed in
 *
 * A GtkTextView in a GtkScrolledWindow of its own scrolls to its cursor by itself; one that
 * grows inside a scrolled page does not, and the page's viewport follows the focus only when
 * the focus moves to another widget. So the line typed on a laptop screen would go on below
 * the window's edge: here the page follows it. The cursor's place is only known after the
 * view has been laid out again, so the scroll waits for the frame's layout.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-cursor-follow"

#include "config.h"

#include "upp-cursor-follow.h"

/* Room kept above and below the cursor's line, so that the line under it is seen coming. */
#define MARGIN 12

typedef struct
{
  GtkTextView   *view;          /* not owned: the struct is the view's data */
  GtkTextBuffer *buffer;
  GdkFrameClock *frame_clock;
  gulong         after_paint;
} CursorFollow;

static void
cursor_follow_disconnect (CursorFollow *follow)
{
  if (follow->frame_clock != NULL)
    g_clear_signal_handler (&follow->after_paint, follow->frame_clock);
  g_clear_object (&follow->frame_clock);
}

static void
cursor_follow_free (gpointer data)
{
  CursorFollow *follow = data;

  cursor_follow_disconnect (follow);
  g_signal_handlers_disconnect_by_data (follow->buffer, follow);
  g_clear_object (&follow->buffer);
  g_free (follow);
}

static void
scroll_to_cursor (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  GdkRectangle location;
  GtkTextIter cursor;
  graphene_point_t top;
  double value;
  int x, y;

  if (scrolled == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (view, &cursor, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y,
                                         &x, &y);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), scrolled, &GRAPHENE_POINT_INIT (x, y), &top))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  /* Below the line, the view's own margin too: the answer's box ends in view. */
  gtk_adjustment_clamp_page (adjustment, value + top.y - MARGIN,
                             value + top.y + location.height +
                             gtk_text_view_get_bottom_margin (view) + MARGIN);
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   CursorFollow  *follow)
{
  cursor_follow_disconnect (follow);
  scroll_to_cursor (follow->view);
}

/* After the next layout: an edit changes the view's height in it. */
static void
queue_scroll (CursorFollow *follow)
{
  GdkFrameClock *frame_clock;

  if (!gtk_widget_has_focus (GTK_WIDGET (follow->view)) || follow->frame_clock != NULL)
    return;
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (follow->view));
  if (frame_clock == NULL)
    return;

  follow->frame_clock = g_object_ref (frame_clock);
  follow->after_paint = g_signal_connect (frame_clock, "after-paint",
                                          G_CALLBACK (on_after_paint_cb), follow);
  /* A frame, if the edit has not asked for one: a cursor moved by the arrow keys. */
  gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
on_changed_cb (GtkTextBuffer *buffer,
               CursorFollow  *follow)
{
  queue_scroll (follow);
}

static void
on_mark_set_cb (GtkTextBuffer     *buffer,
                const GtkTextIter *location,
                GtkTextMark       *mark,
                CursorFollow      *follow)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    queue_scroll (follow);
}

static void
on_unrealize_cb (GtkWidget    *view,
                 CursorFollow *follow)
{
  cursor_follow_disconnect (follow);
}

void
upp_cursor_follow_attach (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  CursorFollow *follow;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (g_object_get_data (G_OBJECT (view), "upp-cursor-follow") != NULL)
    return;

  follow = g_new0 (CursorFollow, 1);
  follow->view = view;
  g_object_set_data_full (G_OBJECT (view), "upp-cursor-follow", follow, cursor_follow_free);

  /* The buffer is the view's own for its whole life in this app. */
  buffer = gtk_text_view_get_buffer (view);
  follow->buffer = g_object_ref (buffer);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_changed_cb), follow);
  g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set_cb), follow);
  g_signal_connect (view, "unrealize", G_CALLBACK (on_unrealize_cb), follow);
}
