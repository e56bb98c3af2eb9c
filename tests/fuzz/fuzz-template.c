/* fuzz-template.c: libFuzzer target for the survey template reader
 *
 * Every input is read as a template file. A template that is read must be one the store
 * accepts and must come back the same through upp_template_to_json(); a refused one gets
 * one message in UTF-8. Built and run by build-aux/fuzz; inputs that found a problem go to
 * tests/fixtures/template-fuzz/.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "upp-template.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppTemplate) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  /* The input is not NUL-terminated: the reader must keep to its length. */
  template = upp_template_new_from_json ((const char *) data, size, &error);
  if ((template == NULL) == (error == NULL))
    abort ();
  if (error != NULL)
    {
      if (!g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  if (!upp_template_validate (template, &error))
    {
      g_printerr ("Read but not valid: %s\n", error->message);
      abort ();
    }
  json = upp_template_to_json (template);
  again = upp_template_new_from_json (json, -1, &error);
  if (again == NULL)
    {
      g_printerr ("Its own JSON is refused: %s\n", error->message);
      abort ();
    }
  json_again = upp_template_to_json (again);
  if (g_strcmp0 (json, json_again) != 0)
    {
      g_printerr ("Not the same after a round trip:\n%s\n%s\n", json, json_again);
      abort ();
    }
  return 0;
}
