package session

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/crypto/bcrypt"
)

// newToken returns an opaque bearer token of 256 random bits.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails: crypto/rand panics rather than return short
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken returns what the service stores of a token. Tokens have 256 bits of
// entropy, so a plain SHA-256 is enough: there is nothing to brute-force.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// PasswordCost is the bcrypt cost of stored passwords: about 50-100 ms a check on a
// desktop core, slow enough to make offline guessing costly, fast enough for a TV.
const PasswordCost = 10

// hashPassword returns the bcrypt hash of password at cost.
func hashPassword(password string, cost int) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", fmt.Errorf("session: hash password: %w", err)
	}
	return string(h), nil
}

// checkPassword reports whether password matches hash. An empty hash never matches,
// but is compared against a real hash anyway so that unknown emails take as long as
// wrong passwords.
func checkPassword(hash, password string) bool {
	if hash == "" {
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// dummyHash is a hash of nothing anyone knows, compared against for unknown emails.
// It is made on first use, not at start, where it would delay the first frame.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte(newToken()), PasswordCost)
	return h
})

// MaskEmail shows enough of an address to tell whose it is without spelling it out on
// a shared screen: "ana@example.com" becomes "a•••@example.com".
func MaskEmail(email string) string {
	at := -1
	for i := len(email) - 1; i >= 0; i-- {
		if email[i] == '@' {
			at = i
			break
		}
	}
	if at <= 0 {
		return "•••"
	}
	first := []rune(email[:at])[0]
	return string(first) + "•••" + email[at:]
}

// secretSize is the size of the secrets Secret makes: 256 bits, as HMAC-SHA256
// wants of its key.
const secretSize = 32

// Secret returns the service's secret called name, such as the key a web page signs
// its forms with. The first call for a name, on any replica, makes it at random and
// keeps it in the store; every replica sharing the store then gets the same one, so a
// form one replica signed is accepted by the others behind the same address.
func (e *Embedded) Secret(ctx context.Context, name string) ([]byte, error) {
	var secret []byte
	err := e.store.Update(ctx, func(tx Tx) error {
		var err error
		secret, err = tx.Secret(name)
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		secret = make([]byte, secretSize)
		rand.Read(secret) // never fails: crypto/rand panics rather than return short
		return tx.AddSecret(name, secret)
	})
	if err != nil {
		return nil, fmt.Errorf("session: secret %q: %w", name, err)
	}
	return secret, nil
}
