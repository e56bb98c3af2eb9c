/* test-privacy.c: personal data found in answers: identity and coordination numbers in every
 * written form (with a right check digit and a real date), near-misses left alone, phone
 * numbers, e-mail addresses, listed words, and masking that changes nothing else
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "uppfoljning.h"
#include "test-util.h"

/* The Luhn check digit of nine digits. */
static char
check_digit (const char *nine)
{
  int sum = 0;

  for (int i = 0; i < 9; i++)
    {
      int value = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += value > 9 ? value - 9 : value;
    }
  return (char) ('0' + (10 - sum % 10) % 10);
}

typedef enum { SHORT_DASH, SHORT_PLAIN, LONG_DASH, LONG_PLAIN, SHORT_PLUS } Form;

/* A number for the date (day + 60 for a coordination number) and serial in a written form. */
static char *
make_number (int        year,
             int        month,
             int        day,
             const char *serial,
             Form        form)
{
  g_autofree char *nine = g_strdup_printf ("%02d%02d%02d%s", year % 100, month, day, serial);
  char check = check_digit (nine);

  switch (form)
    {
    case SHORT_DASH:
      return g_strdup_printf ("%.6s-%s%c", nine, serial, check);
    case SHORT_PLUS:
      return g_strdup_printf ("%.6s+%s%c", nine, serial, check);
    case SHORT_PLAIN:
      return g_strdup_printf ("%s%c", nine, check);
    case LONG_DASH:
      return g_strdup_printf ("%d%.6s-%s%c", year / 100, nine, serial, check);
    case LONG_PLAIN:
    default:
      return g_strdup_printf ("%d%s%c", year / 100, nine, check);
    }
}

typedef struct
{
  int  year, month, day;
  const char *serial;
  Form form;
  UppPrivacyKind kind;
} Valid;

static const Valid valid[] = {
  { 1985, 4, 12, "123", SHORT_DASH, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1985, 4, 12, "123", SHORT_PLAIN, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1985, 4, 12, "123", LONG_DASH, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1985, 4, 12, "123", LONG_PLAIN, UPP_PRIVACY_PERSONAL_NUMBER },
  { 2001, 12, 31, "458", SHORT_DASH, UPP_PRIVACY_PERSONAL_NUMBER },
  { 2001, 12, 31, "458", LONG_PLAIN, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1964, 2, 29, "270", SHORT_PLAIN, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1964, 2, 29, "270", LONG_DASH, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1919, 7, 1, "301", SHORT_PLUS, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1919, 7, 1, "301", LONG_PLAIN, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1990, 1, 1, "000", SHORT_DASH, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1977, 11, 30, "992", LONG_DASH, UPP_PRIVACY_PERSONAL_NUMBER },
  { 2010, 6, 15, "021", SHORT_PLAIN, UPP_PRIVACY_PERSONAL_NUMBER },
  { 1950, 3, 3, "555", LONG_PLAIN, UPP_PRIVACY_PERSONAL_NUMBER },
  /* Coordination numbers: the day + 60. */
  { 1987, 10, 12 + 60, "238", SHORT_DASH, UPP_PRIVACY_COORDINATION_NUMBER },
  { 1987, 10, 12 + 60, "238", LONG_PLAIN, UPP_PRIVACY_COORDINATION_NUMBER },
  { 1999, 1, 31 + 60, "114", SHORT_PLAIN, UPP_PRIVACY_COORDINATION_NUMBER },
  { 1999, 1, 31 + 60, "114", LONG_DASH, UPP_PRIVACY_COORDINATION_NUMBER },
  { 2004, 2, 29 + 60, "876", SHORT_DASH, UPP_PRIVACY_COORDINATION_NUMBER },
  { 1960, 8, 1 + 60, "010", LONG_PLAIN, UPP_PRIVACY_COORDINATION_NUMBER },
};

static void
test_valid_numbers (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (valid) == 20);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *number = make_number (valid[i].year, valid[i].month, valid[i].day,
                                             valid[i].serial, valid[i].form);
      g_autofree char *text = g_strdup_printf ("Klienten (%s) fick en SIP i mars.", number);
      g_autoptr(GArray) matches = upp_privacy_find (text, NULL);
      UppPrivacyMatch *match;

      g_test_message ("%s", number);
      g_assert_cmpuint (matches->len, ==, 1);
      match = &g_array_index (matches, UppPrivacyMatch, 0);
      g_assert_cmpint (match->kind, ==, valid[i].kind);
      g_assert_cmpuint (match->end - match->start, ==, strlen (number));
      g_assert_cmpint (strncmp (text + match->start, number, strlen (number)), ==, 0);
    }
}

static void
test_near_misses (void)
{
  g_autoptr(GPtrArray) misses = g_ptr_array_new_with_free_func (g_free);

  /* Wrong check digit, in every form. */
  for (guint i = 0; i < 8; i++)
    {
      char *number = make_number (valid[i * 2].year, valid[i * 2].month, valid[i * 2].day,
                                  valid[i * 2].serial, valid[i * 2].form);
      char *last = number + strlen (number) - 1;

      *last = (char) ('0' + (*last - '0' + 1) % 10);
      g_ptr_array_add (misses, number);
    }
  /* Impossible dates with a right check digit. */
  g_ptr_array_add (misses, make_number (1985, 2, 30, "123", SHORT_DASH));
  g_ptr_array_add (misses, make_number (1985, 13, 1, "123", SHORT_PLAIN));
  g_ptr_array_add (misses, make_number (1985, 0, 10, "123", LONG_DASH));
  g_ptr_array_add (misses, make_number (1985, 4, 0, "123", LONG_PLAIN));
  g_ptr_array_add (misses, make_number (1985, 2, 30 + 60, "123", SHORT_DASH));
  g_ptr_array_add (misses, make_number (1985, 4, 31 + 60, "123", SHORT_PLAIN));
  /* Ordinary numbers, an organisation number, dates and date ranges. */
  g_ptr_array_add (misses, g_strdup ("1234567890"));
  g_ptr_array_add (misses, g_strdup ("556016-0680"));
  g_ptr_array_add (misses, g_strdup ("2024-01-01–2024-12-31"));
  g_ptr_array_add (misses, g_strdup ("20240101-20241231"));
  g_ptr_array_add (misses, g_strdup ("Dnr 2019-0456"));
  g_ptr_array_add (misses, g_strdup ("98765432101"));
  g_assert_cmpuint (misses->len, ==, 20);

  for (guint i = 0; i < misses->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("Avtalet (%s) gäller tre år.",
                                               (char *) misses->pdata[i]);
      g_autoptr(GArray) matches = upp_privacy_find (text, NULL);

      if (matches->len > 0)
        g_error ("“%s” was taken for personal data", (char *) misses->pdata[i]);
    }
}

static void
test_other_kinds (void)
{
  struct { const char *text; UppPrivacyKind kind; const char *found; } cases[] = {
    { "Ring 070-123 45 67 efter lunch.", UPP_PRIVACY_PHONE, "070-123 45 67" },
    { "Nummer: +46 70 123 45 67.", UPP_PRIVACY_PHONE, "+46 70 123 45 67" },
    { "Växeln 08-123 456 78 svarar.", UPP_PRIVACY_PHONE, "08-123 456 78" },
    { "Mobil 0701234567", UPP_PRIVACY_PHONE, "0701234567" },
    { "Skriv till anna.berg@falun.se om SIP.", UPP_PRIVACY_EMAIL, "anna.berg@falun.se" },
    { "Kalle Anka har fått en samordnare.", UPP_PRIVACY_LISTED_WORD, "Kalle Anka" },
    { "Det gäller KALLE ANKA igen.", UPP_PRIVACY_LISTED_WORD, "KALLE ANKA" },
  };
  const char *listed[] = { "Kalle Anka", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) matches = upp_privacy_find (cases[i].text, listed);
      UppPrivacyMatch *match;

      g_assert_cmpuint (matches->len, ==, 1);
      match = &g_array_index (matches, UppPrivacyMatch, 0);
      g_assert_cmpint (match->kind, ==, cases[i].kind);
      g_assert_cmpuint (match->end - match->start, ==, strlen (cases[i].found));
      g_assert_cmpint (strncmp (cases[i].text + match->start, cases[i].found,
                                strlen (cases[i].found)), ==, 0);
    }

  /* A listed name inside a longer word is not the name; years and amounts are not phones. */
  {
    const char *texts[] = { "Kalle Ankas vänner", "Budget 2019 2020 2021 ökade",
                            "0,5 miljoner", "Möten 1 gång/mån", NULL };

    for (guint i = 0; texts[i] != NULL; i++)
      {
        g_autoptr(GArray) matches = upp_privacy_find (texts[i], listed);

        g_assert_cmpuint (matches->len, ==, 0);
      }
  }
}

static void
test_mask (void)
{
  g_autofree char *number = make_number (1985, 4, 12, "123", SHORT_DASH);
  g_autofree char *text = g_strdup_printf ("Åsa (%s) ringer 070-123 45 67 eller skriver till "
                                           "asa@example.se.\n  Indrag och  dubbla  mellanrum "
                                           "står kvar.", number);
  g_autoptr(GArray) matches = upp_privacy_find (text, NULL);
  g_autofree char *masked = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpuint (matches->len, ==, 3);
  masked = upp_privacy_mask (text, matches);
  expected = g_strdup_printf ("Åsa (%s) ringer %s eller skriver till %s.\n  Indrag och  dubbla  "
                              "mellanrum står kvar.",
                              upp_privacy_kind_get_token (UPP_PRIVACY_PERSONAL_NUMBER),
                              upp_privacy_kind_get_token (UPP_PRIVACY_PHONE),
                              upp_privacy_kind_get_token (UPP_PRIVACY_EMAIL));
  g_assert_cmpstr (masked, ==, expected);

  /* Masked text has nothing left to find. */
  {
    g_autoptr(GArray) again = upp_privacy_find (masked, NULL);

    g_assert_cmpuint (again->len, ==, 0);
  }
}

/* The store masks a round's answers, interview notes and report texts in one go: the matches
 * become tokens, the rest of each text stays byte for byte, an answer gets a version in its
 * history, and nothing is found afterwards. */
static void
test_store_mask (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "mask");
  g_autofree char *uuid = test_import_dalarna_uuid (store);
  g_autofree char *number = make_number (1985, 4, 12, "123", SHORT_DASH);
  g_autofree char *answer = g_strdup_printf ("Kontakt via %s, annars  som förut.\n", number);
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(UppInterview) interview = upp_interview_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *expected = NULL;
  guint n_masked = 0;

  test_set_answer (store, uuid, "Falun", "challenges", answer);
  round = test_load_round (store, uuid);
  response = test_find_response (store, round, "Leksand");
  upp_interview_set_date (interview, "2025-03-04");
  upp_interview_set_note (interview, "Ring Åsa på 070-123 45 67.");
  g_assert_true (upp_store_save_interview (store, response, interview, &error));
  g_assert_no_error (error);
  upp_round_set_text (round, "summary", "Frågor till asa@example.se i maj.");
  g_assert_true (upp_store_update_round (store, round, &error));
  g_assert_no_error (error);

  findings = upp_store_find_personal_data (store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 3);
  g_assert_true (upp_store_mask_personal_data (store, round, findings, &n_masked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_masked, ==, 3);

  masked = test_dup_answer_text (store, uuid, "Falun", "challenges");
  expected = g_strdup_printf ("Kontakt via %s, annars  som förut.\n",
                              upp_privacy_kind_get_token (UPP_PRIVACY_PERSONAL_NUMBER));
  g_assert_cmpstr (masked, ==, expected);
  {
    g_autoptr(UppRound) reloaded = test_load_round (store, uuid);
    g_autofree char *summary = g_strdup_printf ("Frågor till %s i maj.",
                                                upp_privacy_kind_get_token (UPP_PRIVACY_EMAIL));

    g_assert_cmpstr (upp_round_get_text (reloaded, "summary"), ==, summary);
  }
  interviews = upp_store_list_interviews (store, round, response, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (interviews->len, ==, 1);
  {
    g_autofree char *note = g_strdup_printf ("Ring Åsa på %s.",
                                             upp_privacy_kind_get_token (UPP_PRIVACY_PHONE));

    g_assert_cmpstr (upp_interview_get_note (g_ptr_array_index (interviews, 0)), ==, note);
  }

  /* The number is still in the answer's history: masking is an edit like any other. */
  {
    g_autoptr(UppResponse) falun = test_find_response (store, round, "Falun");
    UppAnswer *stored = upp_response_get_answer (falun, "challenges");

    versions = upp_store_list_answer_versions (store, upp_answer_get_uuid (stored), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, >=, 2);
  }

  again = upp_store_find_personal_data (store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/privacy/valid-numbers", test_valid_numbers);
  g_test_add_func ("/privacy/near-misses", test_near_misses);
  g_test_add_func ("/privacy/other-kinds", test_other_kinds);
  g_test_add_func ("/privacy/mask", test_mask);
  g_test_add_func ("/privacy/store-mask", test_store_mask);

  return g_test_run ();
}
