-- CSRF tokens are now 16 random bytes in hex (32 characters), the size the review page's
-- compressed fragments leave for them; sessions made with the earlier 128-byte tokens get a new
-- one. A form already open in a browser is refused once (403, reload) instead of every session ending.
UPDATE sessions SET csrf_token = lower(hex(randomblob(16))) WHERE length(csrf_token) <> 32;
