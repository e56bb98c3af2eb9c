/* upp-primary-menu.c: the main menu every page's header bar shows
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-primary-menu"

#include "config.h"

#include "upp-primary-menu.h"

GMenuModel *
upp_primary_menu_get (void)
{
  static GMenuModel *menu;

  /* One menu for all pages: its actions are the window's, found from where it is shown. */
  if (menu == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/se/uppfoljning/Uppfoljning/upp-primary-menu.ui");

      menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
    }

  return menu;
}
