/* test-gui-util.h: what the GUI tests share: running the main loop, finding widgets
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-question.h"
#include "upp-question-card.h"

/* Runs the main loop for that long, so that windows draw and workers report back; sleeps
 * when there is nothing to do, not to starve the workers on a loaded machine. */
static inline void
test_gui_iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* Runs the main loop until done (data) or timeout_ms have passed; whether it is done. */
static inline gboolean
test_gui_wait_until (gboolean (*done) (gpointer data),
                     gpointer  data,
                     guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  return done (data);
}

/* The first widget, depth first from root (itself included), that matches. */
static inline GtkWidget *
test_gui_find_widget (GtkWidget     *root,
                      gboolean     (*matches) (GtkWidget *widget, gconstpointer data),
                      gconstpointer  data)
{
  if (matches (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_gui_find_widget (child, matches, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
test_gui_is_of_type (GtkWidget     *widget,
                     gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first widget of the type under root; the test fails when there is none. */
static inline GtkWidget *
test_gui_find_of_type (GtkWidget *root,
                       GType      type)
{
  GtkWidget *found = test_gui_find_widget (root, test_gui_is_of_type, GSIZE_TO_POINTER (type));

  g_assert_nonnull (found);
  return found;
}

/* For test_gui_wait_until (): whether the widget is on screen. */
static inline gboolean
test_gui_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The whole text of a text view. */
static inline char *
test_gui_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* For test_gui_find_widget (): whether the widget is the card of the question with that key. */
static inline gboolean
test_gui_is_card_of (GtkWidget     *widget,
                     gconstpointer  key)
{
  return UPP_IS_QUESTION_CARD (widget) &&
         g_str_equal (upp_question_get_key (upp_question_card_get_question (
           UPP_QUESTION_CARD (widget))), key);
}

/* The message dialog shown over parent (a question before discarding, …), or NULL. */
static inline AdwMessageDialog *
test_gui_find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}
