/* upp-choice-group.c: a question's options in the interview form, wrapped as the line allows:
 * a radio group that is one Tab stop, or check boxes
 *
 * The options sit in a GtkFlowBox, which wraps them on a narrow screen. Left to itself, the
 * flow box makes every option of a radio group a Tab stop while none is chosen, and where Tab
 * lands depends on which of its children had the focus last. A keyboard user expects a radio
 * group to be one stop, entered at its chosen option: the group decides that here, before the
 * flow box is asked. The arrow keys and Delete within the group are the question card's.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-choice-group"

#include "config.h"

#include "upp-choice-group.h"

struct _UppChoiceGroup
{
  GtkWidget   parent_instance;

  GtkFlowBox *flow_box;
  GPtrArray  *options;   /* GtkCheckButton, in order */
  gboolean    single;
};

G_DEFINE_FINAL_TYPE (UppChoiceGroup, upp_choice_group, GTK_TYPE_WIDGET)

static gboolean
upp_choice_group_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  UppChoiceGroup *self = UPP_CHOICE_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *target = NULL;

  if (!self->single)
    return GTK_WIDGET_CLASS (upp_choice_group_parent_class)->focus (widget, direction);

  /* In the group, Tab leaves it; the card moves the arrows within it. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    return FALSE;

  for (guint i = 0; i < self->options->len && target == NULL; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->options, i)))
      target = g_ptr_array_index (self->options, i);
  if (target == NULL && self->options->len > 0)
    target = g_ptr_array_index (self->options, 0);

  return target != NULL && gtk_widget_grab_focus (target);
}

static void
upp_choice_group_dispose (GObject *object)
{
  UppChoiceGroup *self = UPP_CHOICE_GROUP (object);

  if (self->flow_box != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->flow_box));
  self->flow_box = NULL;
  g_clear_pointer (&self->options, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_choice_group_parent_class)->dispose (object);
}

static void
upp_choice_group_class_init (UppChoiceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_choice_group_dispose;
  widget_class->focus = upp_choice_group_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
upp_choice_group_init (UppChoiceGroup *self)
{
  self->options = g_ptr_array_new ();
  /* No role of its own: the options are the group's, one level down for a screen reader. */
  self->flow_box = g_object_new (GTK_TYPE_FLOW_BOX,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC,
                                 "selection-mode", GTK_SELECTION_NONE,
                                 "column-spacing", 12,
                                 "row-spacing", 0,
                                 "max-children-per-line", 3,
                                 "homogeneous", FALSE,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->flow_box), GTK_WIDGET (self));
}

GtkWidget *
upp_choice_group_new (gboolean   single,
                      GtkWidget *label)
{
  UppChoiceGroup *self;

  g_return_val_if_fail (GTK_IS_WIDGET (label), NULL);

  /* The role is fixed when the widget is made. */
  self = g_object_new (UPP_TYPE_CHOICE_GROUP,
                       "accessible-role", single ? GTK_ACCESSIBLE_ROLE_RADIO_GROUP
                                                 : GTK_ACCESSIBLE_ROLE_GROUP,
                       NULL);
  self->single = single;
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  return GTK_WIDGET (self);
}

void
upp_choice_group_append (UppChoiceGroup *self,
                         GtkWidget      *widget)
{
  GtkWidget *child;

  g_return_if_fail (UPP_IS_CHOICE_GROUP (self));

  /* The option is the stop, not the flow box's child around it, and no "table cell" for a
   * screen reader either. */
  child = g_object_new (GTK_TYPE_FLOW_BOX_CHILD,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC,
                        "focusable", FALSE,
                        "child", widget,
                        NULL);
  gtk_flow_box_append (self->flow_box, child);
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (self->options, widget);
}

GtkFlowBox *
upp_choice_group_get_flow_box (UppChoiceGroup *self)
{
  g_return_val_if_fail (UPP_IS_CHOICE_GROUP (self), NULL);

  return self->flow_box;
}
