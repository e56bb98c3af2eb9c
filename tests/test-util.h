/* test-util.h: what the core tests share: temporary databases and fixture paths
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "upp-store.h"

/* A fresh folder under the system's temporary folder; removed by test_remove_tree(). */
static inline char *
test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("upp-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline char *
test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* A new store in dir/name.db. */
static inline UppStore *
test_open_store (const char *dir,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  UppStore *store = upp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}
