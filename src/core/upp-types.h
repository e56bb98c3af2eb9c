/* upp-types.h: forward declarations of the core's types
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _UppAgreement    UppAgreement;
typedef struct _UppAnswer       UppAnswer;
typedef struct _UppChoice       UppChoice;
typedef struct _UppCoding       UppCoding;
typedef struct _UppInterview    UppInterview;
typedef struct _UppItemField    UppItemField;
typedef struct _UppMunicipality UppMunicipality;
typedef struct _UppQuestion     UppQuestion;
typedef struct _UppRegion       UppRegion;
typedef struct _UppResponse     UppResponse;
typedef struct _UppRound        UppRound;
typedef struct _UppStore        UppStore;
typedef struct _UppTemplate     UppTemplate;
typedef struct _UppTheme        UppTheme;
typedef struct _UppUnit         UppUnit;

G_END_DECLS
