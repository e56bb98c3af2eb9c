/* test-keys.c: keys made from what people write, so no one has to invent a technical key
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "uppfoljning.h"
#include "upp-util.h"

static void
test_from_text (void)
{
  struct { const char *text, *key; } cases[] = {
    { "Ansvarsgränser och rutiner", "ansvarsgranser_och_rutiner" },
    { "SIP - samtycke", "sip_samtycke" },
    { "Form för arbetet; mottagning, mobilt, digitalt", "form_for_arbetet_mottagning" },
    { "  Ej påbörjat ", "ej_paborjat" },
    { "Öppna jämförelser 2027", "oppna_jamforelser_2027" },
    { "Fördelning av kostnader och medel", "fordelning_av_kostnader_och" },
    { "Verksamhetsuppföljningsdokumentationsansvarig", "verksamhetsuppfoljningsdokumenta" },
    { "—", "question" },
    { "", "question" },
  };
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = upp_key_from_text (cases[i].text, "question", NULL);

      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_true (upp_template_key_is_valid (key));
      g_assert_cmpuint (strlen (key), <=, 32);
    }

  /* Unique among those taken. */
  g_hash_table_add (taken, g_strdup ("klart"));
  g_hash_table_add (taken, g_strdup ("klart_2"));
  {
    g_autofree char *key = upp_key_from_text ("Klart", "choice", taken);

    g_assert_cmpstr (key, ==, "klart_3");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/from-text", test_from_text);

  return g_test_run ();
}
