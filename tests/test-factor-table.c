/* test-factor-table.c: a round's promoting and hindering factors: the themes, their number
 * of units and the quotes (chosen by the analyst, else the first coded passage)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-util.h"
#include "upp-coding.h"
#include "upp-factor-table.h"
#include "upp-theme.h"

#define DALARNA "20"

#define FALUN_TEXT    "Samverkan kring SIP fungerar bra. Personalbrist gör att det tar tid."
#define LEKSAND_TEXT  "Gemensamma utbildningar och samverkan på ledningsnivå. Långa avstånd."
#define BORLANGE_TEXT "Svårt att rekrytera sjuksköterskor till IBM. Pengarna räcker inte."

typedef struct
{
  char      *dir;
  UppStore  *store;
  UppRound  *round;      /* 2025 */
  UppRound  *earlier;    /* 2024 */
  UppTheme  *cooperation;
  UppTheme  *staff;
} Fixture;

static UppTheme *
add_theme (Fixture      *fixture,
           const char   *name,
           UppThemeKind  kind)
{
  g_autoptr(GError) error = NULL;
  UppTheme *theme = upp_store_add_theme (fixture->store, DALARNA, name, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (theme);
  return theme;
}

/* Codes the characters of the unit's answer to question that spell passage. */
static UppCoding *
code (Fixture    *fixture,
      UppRound   *round,
      const char *unit,
      const char *question,
      const char *text,
      const char *passage,
      UppTheme   *theme)
{
  g_autoptr(UppResponse) response = test_find_response (fixture->store, round, unit);
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, passage);
  UppCoding *coding;
  glong start;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  coding = upp_store_code_passage (fixture->store, round, response, question, start,
                                   start + g_utf8_strlen (passage, -1), theme, &error);
  g_assert_no_error (error);
  g_assert_nonnull (coding);
  return coding;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "factor-table");
  fixture->earlier = test_import_dalarna_round (fixture->store, 2024);
  fixture->round = test_import_dalarna_round (fixture->store, 2025);
  test_set_answer (fixture->store, upp_round_get_uuid (fixture->round), "Falun", "challenges",
                   FALUN_TEXT);
  test_set_answer (fixture->store, upp_round_get_uuid (fixture->round), "Leksand",
                   "good_examples", LEKSAND_TEXT);
  test_set_answer (fixture->store, upp_round_get_uuid (fixture->round), "Borlänge",
                   "challenges", BORLANGE_TEXT);
  test_set_answer (fixture->store, upp_round_get_uuid (fixture->earlier), "Borlänge",
                   "challenges", BORLANGE_TEXT);
  fixture->cooperation = add_theme (fixture, "Samverkan", UPP_THEME_KIND_PROMOTING);
  fixture->staff = add_theme (fixture, "Personalbrist", UPP_THEME_KIND_HINDERING);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->cooperation);
  g_clear_object (&fixture->staff);
  g_clear_object (&fixture->round);
  g_clear_object (&fixture->earlier);
  test_close_store (&fixture->store, &fixture->dir);
}

static UppFactorTable *
load_table (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  UppFactorTable *table = upp_factor_table_new (fixture->store, fixture->round, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* "name:units" of each factor of the kind, in the table's order, joined by ", ". */
static char *
dup_factors (UppFactorTable *table,
             UppThemeKind    kind)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < upp_factor_table_get_n_factors (table, kind); i++)
    g_string_append_printf (out, "%s%s:%u", i > 0 ? ", " : "",
                            upp_theme_get_name (upp_factor_table_get_theme (table, kind, i)),
                            upp_factor_table_get_n_units (table, kind, i));
  return g_string_free (out, FALSE);
}

/* "unit: passage" of each quote of the factor, joined by " | ". */
static char *
dup_quotes (UppFactorTable *table,
            UppThemeKind    kind,
            const char     *theme)
{
  for (guint i = 0; i < upp_factor_table_get_n_factors (table, kind); i++)
    {
      GPtrArray *quotes;
      GString *out;

      if (!g_str_equal (upp_theme_get_name (upp_factor_table_get_theme (table, kind, i)), theme))
        continue;
      quotes = upp_factor_table_get_quotes (table, kind, i);
      out = g_string_new (NULL);
      for (guint q = 0; q < quotes->len; q++)
        g_string_append_printf (out, "%s%s: %s", q > 0 ? " | " : "",
                                upp_coding_get_unit_name (quotes->pdata[q]),
                                upp_coding_get_text (quotes->pdata[q]));
      return g_string_free (out, FALSE);
    }
  g_assert_not_reached ();
}

static void
set_quote (Fixture   *fixture,
           UppCoding *coding,
           gboolean   quote)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_store_set_coding_quote (fixture->store, coding, quote, &error));
  g_assert_no_error (error);
}

/* Units counted once however many passages they have; sorted by units, then name; neutral
 * and retired themes are no factors; a theme no unit has is one with 0 units. */
static void
test_factors (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(UppTheme) distance = add_theme (fixture, "Avstånd", UPP_THEME_KIND_HINDERING);
  g_autoptr(UppTheme) money = add_theme (fixture, "Ekonomi", UPP_THEME_KIND_HINDERING);
  g_autoptr(UppTheme) training = add_theme (fixture, "Utbildning", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppTheme) premises = add_theme (fixture, "Lokaler", UPP_THEME_KIND_NEUTRAL);
  g_autoptr(UppTheme) old = add_theme (fixture, "Gammalt", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppTheme) unused = add_theme (fixture, "Ledning", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppFactorTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *promoting = NULL;
  g_autofree char *hindering = NULL;
  g_autofree char *quotes = NULL;
  UppCoding *codings[] = {
    code (fixture, fixture->round, "Falun", "challenges", FALUN_TEXT,
          "Samverkan kring SIP", fixture->cooperation),
    code (fixture, fixture->round, "Falun", "challenges", FALUN_TEXT,
          "fungerar bra", fixture->cooperation),
    code (fixture, fixture->round, "Falun", "challenges", FALUN_TEXT,
          "Personalbrist gör att det tar tid", fixture->staff),
    code (fixture, fixture->round, "Leksand", "good_examples", LEKSAND_TEXT,
          "samverkan på ledningsnivå", fixture->cooperation),
    code (fixture, fixture->round, "Leksand", "good_examples", LEKSAND_TEXT,
          "Gemensamma utbildningar", training),
    code (fixture, fixture->round, "Leksand", "good_examples", LEKSAND_TEXT,
          "Långa avstånd", distance),
    code (fixture, fixture->round, "Leksand", "good_examples", LEKSAND_TEXT,
          "Gemensamma utbildningar", old),
    code (fixture, fixture->round, "Borlänge", "challenges", BORLANGE_TEXT,
          "Svårt att rekrytera sjuksköterskor", fixture->staff),
    code (fixture, fixture->round, "Borlänge", "challenges", BORLANGE_TEXT,
          "Pengarna räcker inte", money),
    code (fixture, fixture->round, "Borlänge", "challenges", BORLANGE_TEXT,
          "Svårt att rekrytera", premises),
    /* Another year's passages are not this round's. */
    code (fixture, fixture->earlier, "Borlänge", "challenges", BORLANGE_TEXT,
          "Pengarna räcker inte", training),
  };

  g_assert_true (upp_store_retire_theme (fixture->store, old, &error));
  g_assert_no_error (error);

  table = load_table (fixture);
  promoting = dup_factors (table, UPP_THEME_KIND_PROMOTING);
  hindering = dup_factors (table, UPP_THEME_KIND_HINDERING);
  g_assert_cmpstr (promoting, ==, "Samverkan:2, Utbildning:1, Ledning:0");
  g_assert_cmpstr (hindering, ==, "Personalbrist:2, Avstånd:1, Ekonomi:1");
  g_assert_cmpuint (upp_factor_table_get_n_factors (table, UPP_THEME_KIND_NEUTRAL), ==, 0);

  /* Nothing chosen: the first coded passage, in unit order. */
  quotes = dup_quotes (table, UPP_THEME_KIND_PROMOTING, "Samverkan");
  g_assert_cmpstr (quotes, ==, "Falun: Samverkan kring SIP");
  g_clear_pointer (&quotes, g_free);
  quotes = dup_quotes (table, UPP_THEME_KIND_PROMOTING, "Ledning");
  g_assert_cmpstr (quotes, ==, "");
  g_clear_pointer (&quotes, g_free);
  g_assert_cmpuint (upp_factor_table_get_quotes (table, UPP_THEME_KIND_PROMOTING, 1)->len, ==,
                    1);

  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    g_object_unref (codings[i]);
}

/* The passages the analyst chose are the quotes: one, two in unit order, never more than
 * two; unchosen again, the first coded passage is. */
static void
test_chosen_quotes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(UppCoding) first = code (fixture, fixture->round, "Falun", "challenges", FALUN_TEXT,
                                     "Samverkan kring SIP", fixture->cooperation);
  g_autoptr(UppCoding) second = code (fixture, fixture->round, "Falun", "challenges",
                                      FALUN_TEXT, "fungerar bra", fixture->cooperation);
  g_autoptr(UppCoding) leksand = code (fixture, fixture->round, "Leksand", "good_examples",
                                       LEKSAND_TEXT, "samverkan på ledningsnivå",
                                       fixture->cooperation);
  g_autoptr(UppFactorTable) table = NULL;
  g_autofree char *quotes = NULL;

  set_quote (fixture, leksand, TRUE);
  table = load_table (fixture);
  quotes = dup_quotes (table, UPP_THEME_KIND_PROMOTING, "Samverkan");
  g_assert_cmpstr (quotes, ==, "Leksand: samverkan på ledningsnivå");
  g_clear_pointer (&quotes, g_free);
  g_clear_object (&table);

  set_quote (fixture, second, TRUE);
  table = load_table (fixture);
  quotes = dup_quotes (table, UPP_THEME_KIND_PROMOTING, "Samverkan");
  g_assert_cmpstr (quotes, ==, "Falun: fungerar bra | Leksand: samverkan på ledningsnivå");
  g_clear_pointer (&quotes, g_free);
  g_clear_object (&table);

  set_quote (fixture, first, TRUE);
  table = load_table (fixture);
  quotes = dup_quotes (table, UPP_THEME_KIND_PROMOTING, "Samverkan");
  g_assert_cmpstr (quotes, ==, "Falun: Samverkan kring SIP | Falun: fungerar bra");
  g_clear_pointer (&quotes, g_free);
  g_clear_object (&table);

  set_quote (fixture, first, FALSE);
  set_quote (fixture, second, FALSE);
  set_quote (fixture, leksand, FALSE);
  table = load_table (fixture);
  quotes = dup_quotes (table, UPP_THEME_KIND_PROMOTING, "Samverkan");
  g_assert_cmpstr (quotes, ==, "Falun: Samverkan kring SIP");
}

/* A merge moves the passages and their choice as quotes: the table follows the codebook. */
static void
test_after_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(UppTheme) together = add_theme (fixture, "Samarbete", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppCoding) falun = code (fixture, fixture->round, "Falun", "challenges", FALUN_TEXT,
                                     "Samverkan kring SIP", fixture->cooperation);
  g_autoptr(UppCoding) leksand = code (fixture, fixture->round, "Leksand", "good_examples",
                                       LEKSAND_TEXT, "Gemensamma utbildningar", together);
  g_autoptr(UppFactorTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *promoting = NULL;
  g_autofree char *quotes = NULL;

  set_quote (fixture, leksand, TRUE);
  g_assert_true (upp_store_merge_themes (fixture->store, together, fixture->cooperation,
                                         &error));
  g_assert_no_error (error);
  table = load_table (fixture);
  promoting = dup_factors (table, UPP_THEME_KIND_PROMOTING);
  g_assert_cmpstr (promoting, ==, "Samverkan:2");
  quotes = dup_quotes (table, UPP_THEME_KIND_PROMOTING, "Samverkan");
  g_assert_cmpstr (quotes, ==, "Leksand: Gemensamma utbildningar");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/factor-table/factors", test_factors);
  ADD ("/factor-table/chosen-quotes", test_chosen_quotes);
  ADD ("/factor-table/after-merge", test_after_merge);
#undef ADD

  return g_test_run ();
}
