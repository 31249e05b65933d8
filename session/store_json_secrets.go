package session

import (
	"fmt"
	"slices"
)

func (t jsonTx) Secret(name string) ([]byte, error) {
	v, ok := t.s.doc.Secrets[name]
	if !ok {
		return nil, ErrNotFound
	}
	return slices.Clone(v), nil
}

func (t jsonTx) AddSecret(name string, value []byte) error {
	if _, ok := t.s.doc.Secrets[name]; ok {
		return fmt.Errorf("%w: the secret %q is kept already", ErrInvalid, name)
	}
	if t.s.doc.Secrets == nil {
		t.s.doc.Secrets = make(map[string][]byte)
	}
	t.s.doc.Secrets[name] = slices.Clone(value)
	return nil
}
