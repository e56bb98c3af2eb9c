/* upp-progress.c: how far a long job on a worker thread has come, told on the main context
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-progress"

#include "config.h"

#include "upp-progress.h"

struct _UppProgress
{
  GObject       parent_instance;

  GMainContext *context;
  /* Written by the worker, read on the main context: permille as an atomic int. */
  int           permille;
  guint         notify_source;
  GMutex        mutex;
};

G_DEFINE_FINAL_TYPE (UppProgress, upp_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

UppProgress *
upp_progress_new (void)
{
  return g_object_new (UPP_TYPE_PROGRESS, NULL);
}

double
upp_progress_get_fraction (UppProgress *self)
{
  g_return_val_if_fail (UPP_IS_PROGRESS (self), 0);

  return g_atomic_int_get (&self->permille) / 1000.0;
}

static gboolean
notify_fraction_cb (gpointer user_data)
{
  UppProgress *self = user_data;

  g_mutex_lock (&self->mutex);
  self->notify_source = 0;
  g_mutex_unlock (&self->mutex);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  return G_SOURCE_REMOVE;
}

void
upp_progress_set_fraction (UppProgress *self,
                           double       fraction)
{
  int permille = (int) (CLAMP (fraction, 0.0, 1.0) * 1000);

  g_return_if_fail (UPP_IS_PROGRESS (self));

  if (g_atomic_int_get (&self->permille) == permille)
    return;
  g_atomic_int_set (&self->permille, permille);

  /* Many steps a second are told as one notification on the main context. */
  g_mutex_lock (&self->mutex);
  if (self->notify_source == 0)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, notify_fraction_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[upp] progress");
      self->notify_source = g_source_attach (source, self->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->mutex);
}

static void
upp_progress_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UppProgress *self = UPP_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, upp_progress_get_fraction (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_progress_finalize (GObject *object)
{
  UppProgress *self = UPP_PROGRESS (object);

  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (upp_progress_parent_class)->finalize (object);
}

static void
upp_progress_class_init (UppProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = upp_progress_get_property;
  object_class->finalize = upp_progress_finalize;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_progress_init (UppProgress *self)
{
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
}
