/* exchange-crypt.c: exchange files encrypted with a passphrase
 *
 * The file is the clear header "uppfoljning-encrypted 1\n", then the Argon2id salt and its
 * costs (operations, memory: 8 bytes each, little-endian), then a libsodium secretstream
 * (XChaCha20-Poly1305): its header and the exchange JSON in chunks of 64 KiB, each
 * authenticated, the last one tagged final. The clear part is bound to the first chunk as
 * additional data, so changing any byte of the file, cutting it short or giving another
 * passphrase is found before any of it is used. The passphrase is never stored.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "exchange-common.h"
#include "exchange-crypt.h"

/* The clear header: a name, then the format version. */
#define MAGIC_NAME "uppfoljning-encrypted "
#define MAGIC_NAME_LENGTH (sizeof MAGIC_NAME - 1)
#define MAGIC MAGIC_NAME "1\n"
#define MAGIC_LENGTH (sizeof MAGIC - 1)
#define CHUNK_SIZE (64 * 1024)
#define COSTS_LENGTH 16
#define CLEAR_LENGTH (MAGIC_LENGTH + crypto_pwhash_SALTBYTES + COSTS_LENGTH)
#define STREAM_START (CLEAR_LENGTH + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
/* A forged header must not make us spend gigabytes or minutes deriving the key. */
#define MAX_OPSLIMIT 16
#define MAX_MEMLIMIT (1024ull * 1024 * 1024)

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                   _("The encryption library could not start."));
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_exchange_is_encrypted (const char *data,
                           gsize       length)
{
  return length >= MAGIC_NAME_LENGTH && memcmp (data, MAGIC_NAME, MAGIC_NAME_LENGTH) == 0;
}

static void
put_u64 (guint8  *out,
         guint64  value)
{
  for (int i = 0; i < 8; i++)
    out[i] = (guint8) (value >> (8 * i));
}

static guint64
get_u64 (const guint8 *in)
{
  guint64 value = 0;

  for (int i = 7; i >= 0; i--)
    value = (value << 8) | in[i];
  return value;
}

static gboolean
derive_key (const char    *passphrase,
            const guint8  *salt,
            guint64        opslimit,
            guint64        memlimit,
            guint8        *key,
            GError       **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES, passphrase,
                     strlen (passphrase), salt, opslimit, (size_t) memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                   _("There is not enough memory to derive the key from the passphrase."));
      return FALSE;
    }
  return TRUE;
}

GBytes *
upp_exchange_encrypt (const char  *data,
                      gsize        length,
                      const char  *passphrase,
                      GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 clear[CLEAR_LENGTH];
  guint8 stream_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  g_autofree guint8 *cipher = g_malloc (CHUNK_SIZE + crypto_secretstream_xchacha20poly1305_ABYTES);
  gsize at = 0;

  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;
  if (*passphrase == '\0')
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                   _("The passphrase is empty."));
      return NULL;
    }

  memcpy (clear, MAGIC, MAGIC_LENGTH);
  randombytes_buf (clear + MAGIC_LENGTH, crypto_pwhash_SALTBYTES);
  put_u64 (clear + MAGIC_LENGTH + crypto_pwhash_SALTBYTES, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  put_u64 (clear + MAGIC_LENGTH + crypto_pwhash_SALTBYTES + 8,
           crypto_pwhash_MEMLIMIT_INTERACTIVE);
  if (!derive_key (passphrase, clear + MAGIC_LENGTH, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                   crypto_pwhash_MEMLIMIT_INTERACTIVE, key, error))
    return NULL;

  crypto_secretstream_xchacha20poly1305_init_push (&state, stream_header, key);
  sodium_memzero (key, sizeof key);
  g_byte_array_append (out, clear, sizeof clear);
  g_byte_array_append (out, stream_header, sizeof stream_header);

  /* At least one chunk, the last tagged final, so that a cut-short file shows. */
  do
    {
      gsize n = MIN (CHUNK_SIZE, length - at);
      unsigned char tag = at + n == length ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
      unsigned long long written = 0;

      crypto_secretstream_xchacha20poly1305_push (&state, cipher, &written,
                                                  (const guint8 *) data + at, n,
                                                  at == 0 ? clear : NULL,
                                                  at == 0 ? sizeof clear : 0, tag);
      g_byte_array_append (out, cipher, (guint) written);
      at += n;
    }
  while (at < length);
  sodium_memzero (&state, sizeof state);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
refuse (const char  *name,
        GError     **error)
{
  g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
               _("“%s” could not be opened: the passphrase is wrong, or the file was changed or "
                 "cut short."), name);
  return NULL;
}

char *
upp_exchange_decrypt (const char  *name,
                      const char  *data,
                      gsize        length,
                      const char  *passphrase,
                      gsize       *decrypted_length,
                      GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  const guint8 *bytes = (const guint8 *) data;
  g_autoptr(GByteArray) plain = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (CHUNK_SIZE);
  guint64 opslimit, memlimit;
  gboolean final = FALSE;
  gsize at = STREAM_START;

  if (!ensure_sodium (error))
    return NULL;
  if (!upp_exchange_is_encrypted (data, length))
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                   _("“%s” is not an encrypted exchange file."), name);
      return NULL;
    }
  /* Another version of the format says so in its first line. */
  if (length < MAGIC_LENGTH || memcmp (data, MAGIC, MAGIC_LENGTH) != 0)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                   _("“%s” is encrypted by a newer version of Uppföljning; update the app to "
                     "open it."), name);
      return NULL;
    }
  if (length < STREAM_START + crypto_secretstream_xchacha20poly1305_ABYTES)
    return refuse (name, error);

  opslimit = get_u64 (bytes + MAGIC_LENGTH + crypto_pwhash_SALTBYTES);
  memlimit = get_u64 (bytes + MAGIC_LENGTH + crypto_pwhash_SALTBYTES + 8);
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > MAX_OPSLIMIT ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > MAX_MEMLIMIT)
    return refuse (name, error);
  if (!derive_key (passphrase, bytes + MAGIC_LENGTH, opslimit, memlimit, key, error))
    return NULL;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, bytes + CLEAR_LENGTH, key) != 0)
    {
      sodium_memzero (key, sizeof key);
      return refuse (name, error);
    }
  sodium_memzero (key, sizeof key);

  while (at < length && !final)
    {
      gsize n = MIN (CHUNK_SIZE + crypto_secretstream_xchacha20poly1305_ABYTES, length - at);
      unsigned long long read = 0;
      unsigned char tag = 0;

      if (crypto_secretstream_xchacha20poly1305_pull (&state, chunk, &read, &tag, bytes + at, n,
                                                      at == STREAM_START ? bytes : NULL,
                                                      at == STREAM_START ? CLEAR_LENGTH : 0) != 0)
        {
          sodium_memzero (&state, sizeof state);
          sodium_memzero (plain->data, plain->len);
          return refuse (name, error);
        }
      g_byte_array_append (plain, chunk, (guint) read);
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      at += n;
    }
  sodium_memzero (&state, sizeof state);
  /* Cut short before its final chunk, or with bytes after it. */
  if (!final || at != length)
    {
      sodium_memzero (plain->data, plain->len);
      return refuse (name, error);
    }

  *decrypted_length = plain->len;
  g_byte_array_append (plain, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&plain), FALSE);
}

char *
upp_exchange_read_passphrase (const char  *path,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  char *end;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  end = strpbrk (contents, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (*contents == '\0')
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                   _("The passphrase file “%s” is empty."), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}
