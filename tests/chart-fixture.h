/* chart-fixture.h: the Dalarna example imported and coded, with a second year and an empty round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-store.h"

G_BEGIN_DECLS

/* Units in the Dalarna table. */
#define FIXTURE_N_UNITS 11

typedef struct
{
  char      *dir;
  UppStore  *store;
  UppRound  *round_2025;   /* the imported table, coded */
  UppRound  *round_2026;   /* the next year, with some units moved on */
  UppRound  *round_empty;  /* the units but no answers, and no earlier rounds */
} Fixture;

void fixture_set_up    (Fixture       *fixture,
                        gconstpointer  user_data);
void fixture_tear_down (Fixture       *fixture,
                        gconstpointer  user_data);

G_END_DECLS
