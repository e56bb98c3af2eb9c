/* upp-privacy-marks.c: personal data marked as it is typed, in a text view or an entry: a
 * wavy underline and a tooltip that says what it looks like
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-privacy-marks"

#include "config.h"

#include "upp-privacy-marks.h"
#include "upp-privacy.h"
#include "upp-response-form.h"
#include "upp-store.h"

/* The text tag of a match in a text view. */
#define PRIVACY_TAG "upp-privacy"
/* Checked this long after the last keystroke: marks appear as the officer types, without a
 * search of the whole text on every key. */
#define PRIVACY_CHECK_MS 250
#define MARKS_KEY "upp-privacy-marks"

typedef struct
{
  GtkWidget              *widget;      /* the marks live as its data */
  GtkTextBuffer          *buffer;      /* a text view's, watched for changes */
  UppSession             *session;
  char                  **words;
  GPtrArray              *exceptions;  /* char *: texts said not to be personal data */
  guint                   source;
  UppPrivacyMarksChecked  checked;
  gpointer                checked_data;
} Marks;

static void
marks_free (Marks *marks)
{
  g_clear_handle_id (&marks->source, g_source_remove);
  if (marks->buffer != NULL)
    g_signal_handlers_disconnect_by_data (marks->buffer, marks);
  g_clear_object (&marks->buffer);
  g_clear_object (&marks->session);
  g_strfreev (marks->words);
  g_ptr_array_unref (marks->exceptions);
  g_free (marks);
}

static Marks *
get_marks (GtkWidget *widget)
{
  Marks *marks = g_object_get_data (G_OBJECT (widget), MARKS_KEY);

  g_return_val_if_fail (marks != NULL, NULL);
  return marks;
}

static char *
dup_text (GtkWidget *widget)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (!GTK_IS_TEXT_VIEW (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

GArray *
upp_privacy_marks_find (GtkWidget  *widget,
                        char      **text_out)
{
  Marks *marks = get_marks (widget);
  g_autofree char *text = dup_text (widget);
  UppSession *session = marks->session;
  g_auto(GStrv) stored = NULL;
  GArray *matches;

  /* In the interview form, the form's database has the words. */
  if (session == NULL && marks->words == NULL)
    {
      GtkWidget *form = gtk_widget_get_ancestor (widget, UPP_TYPE_RESPONSE_FORM);

      if (form != NULL)
        session = upp_response_form_get_session (UPP_RESPONSE_FORM (form));
    }
  /* A missing database marks by the built-in kinds alone. */
  if (session != NULL && upp_session_get_store (session) != NULL)
    stored = upp_store_dup_privacy_words (upp_session_get_store (session), NULL);
  matches = upp_privacy_find (text, (const char * const *) (stored != NULL ? stored
                                                                           : marks->words));
  for (guint i = matches->len; i-- > 0;)
    {
      UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);
      g_autofree char *found = g_strndup (text + match->start, match->end - match->start);

      for (guint j = 0; j < marks->exceptions->len; j++)
        if (g_str_equal (found, g_ptr_array_index (marks->exceptions, j)))
          {
            g_array_remove_index (matches, i);
            break;
          }
    }
  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);
  return matches;
}

/* Where a match starts and ends in the buffer holding text. */
static void
get_match_bounds (GtkTextBuffer         *buffer,
                  const char            *text,
                  const UppPrivacyMatch *match,
                  GtkTextIter           *start,
                  GtkTextIter           *end)
{
  gtk_text_buffer_get_iter_at_offset (buffer, start,
                                      (int) g_utf8_pointer_to_offset (text, text + match->start));
  gtk_text_buffer_get_iter_at_offset (buffer, end,
                                      (int) g_utf8_pointer_to_offset (text, text + match->end));
}

static void
mark_text_view (GtkTextView *view,
                const char  *text,
                GArray      *matches)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, PRIVACY_TAG, &start, &end);
  for (guint i = 0; i < matches->len; i++)
    {
      GtkTextIter from, to;

      get_match_bounds (buffer, text, &g_array_index (matches, UppPrivacyMatch, i), &from, &to);
      gtk_text_buffer_apply_tag_by_name (buffer, PRIVACY_TAG, &from, &to);
    }
}

/* An entry has no tags: the same underline as attributes of its text, and what the first
 * match looks like as the entry's tooltip. */
static void
mark_editable (GtkEditable *editable,
               GArray      *matches)
{
  GtkEditable *delegate = gtk_editable_get_delegate (editable);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  while (delegate != NULL && !GTK_IS_TEXT (delegate))
    delegate = gtk_editable_get_delegate (delegate);
  for (guint i = 0; i < matches->len; i++)
    {
      UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);
      PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);

      underline->start_index = (guint) match->start;
      underline->end_index = (guint) match->end;
      pango_attr_list_insert (attributes, underline);
    }
  if (delegate != NULL)
    gtk_text_set_attributes (GTK_TEXT (delegate), matches->len > 0 ? attributes : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (editable), matches->len > 0
                               ? upp_privacy_kind_describe (g_array_index (matches,
                                                                           UppPrivacyMatch,
                                                                           0).kind)
                               : NULL);
}

void
upp_privacy_marks_check (GtkWidget *widget)
{
  Marks *marks = get_marks (widget);
  g_autofree char *text = NULL;
  g_autoptr(GArray) matches = upp_privacy_marks_find (widget, &text);

  g_clear_handle_id (&marks->source, g_source_remove);
  if (GTK_IS_TEXT_VIEW (widget))
    mark_text_view (GTK_TEXT_VIEW (widget), text, matches);
  else
    mark_editable (GTK_EDITABLE (widget), matches);
  if (marks->checked != NULL)
    marks->checked (widget, text, matches, marks->checked_data);
}

static gboolean
on_check_cb (gpointer user_data)
{
  Marks *marks = user_data;

  marks->source = 0;
  upp_privacy_marks_check (marks->widget);
  return G_SOURCE_REMOVE;
}

static void
on_changed_cb (gpointer  object,
               Marks    *marks)
{
  g_clear_handle_id (&marks->source, g_source_remove);
  marks->source = g_timeout_add (PRIVACY_CHECK_MS, on_check_cb, marks);
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     Marks      *marks)
{
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               PRIVACY_TAG);
  g_autofree char *text = NULL;
  g_autoptr(GArray) matches = NULL;
  GtkTextIter at;
  int buffer_x, buffer_y;
  int offset;

  if (keyboard)
    gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
  else
    {
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y,
                                             &buffer_x, &buffer_y);
      if (!gtk_text_view_get_iter_at_location (view, &at, buffer_x, buffer_y))
        return FALSE;
    }
  if (!gtk_text_iter_has_tag (&at, tag))
    return FALSE;

  /* Which kind: the match that holds the place. */
  matches = upp_privacy_marks_find (widget, &text);
  offset = gtk_text_iter_get_offset (&at);
  for (guint i = 0; i < matches->len; i++)
    {
      UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);

      if (offset >= g_utf8_pointer_to_offset (text, text + match->start) &&
          offset < g_utf8_pointer_to_offset (text, text + match->end))
        {
          gtk_tooltip_set_text (tooltip, upp_privacy_kind_describe (match->kind));
          return TRUE;
        }
    }
  return FALSE;
}

void
upp_privacy_marks_attach (GtkWidget  *widget,
                          UppSession *session)
{
  Marks *marks;

  g_return_if_fail (GTK_IS_TEXT_VIEW (widget) || GTK_IS_EDITABLE (widget));

  /* Attached already: only the database changes. */
  marks = g_object_get_data (G_OBJECT (widget), MARKS_KEY);
  if (marks != NULL)
    {
      g_set_object (&marks->session, session);
      upp_privacy_marks_check (widget);
      return;
    }

  marks = g_new0 (Marks, 1);
  marks->widget = widget;
  marks->session = session != NULL ? g_object_ref (session) : NULL;
  marks->exceptions = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (widget), MARKS_KEY, marks, (GDestroyNotify) marks_free);

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

      /* A wavy red line, and its meaning in a tooltip: not by colour alone. */
      gtk_text_buffer_create_tag (buffer, PRIVACY_TAG, "underline", PANGO_UNDERLINE_ERROR,
                                  NULL);
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), marks);
      marks->buffer = g_object_ref (buffer);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_changed_cb), marks);
    }
  else
    g_signal_connect (widget, "changed", G_CALLBACK (on_changed_cb), marks);
}

void
upp_privacy_marks_set_checked_func (GtkWidget              *widget,
                                    UppPrivacyMarksChecked  func,
                                    gpointer                user_data)
{
  Marks *marks = get_marks (widget);

  marks->checked = func;
  marks->checked_data = user_data;
}

void
upp_privacy_marks_set_words (GtkWidget          *widget,
                             const char * const *words,
                             const char * const *exceptions)
{
  Marks *marks = get_marks (widget);

  g_strfreev (marks->words);
  marks->words = g_strdupv ((char **) words);
  g_ptr_array_set_size (marks->exceptions, 0);
  upp_privacy_marks_add_exceptions (widget, exceptions);
}

void
upp_privacy_marks_add_exceptions (GtkWidget          *widget,
                                  const char * const *texts)
{
  Marks *marks = get_marks (widget);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    g_ptr_array_add (marks->exceptions, g_strdup (texts[i]));
  upp_privacy_marks_check (widget);
}

void
upp_privacy_marks_mask (GtkWidget *widget)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) matches = upp_privacy_marks_find (widget, &text);

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

      gtk_text_buffer_begin_user_action (buffer);
      for (guint i = matches->len; i-- > 0;)
        {
          UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);
          GtkTextIter from, to;

          get_match_bounds (buffer, text, match, &from, &to);
          gtk_text_buffer_delete (buffer, &from, &to);
          gtk_text_buffer_insert (buffer, &from, upp_privacy_kind_get_token (match->kind), -1);
        }
      gtk_text_buffer_end_user_action (buffer);
    }
  else
    {
      g_autofree char *masked = upp_privacy_mask (text, matches);

      gtk_editable_set_text (GTK_EDITABLE (widget), masked);
    }
  upp_privacy_marks_check (widget);
}
