package errclass

import (
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestErrorf(t *testing.T) {
	class := errors.New("invalid input")
	err := Errorf("pkg: ", class, "sample %d: %w", 3, io.ErrUnexpectedEOF)
	assert.Equal(t, "pkg: sample 3: unexpected EOF", err.Error())
	assert.ErrorIs(t, err, class)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.NotErrorIs(t, err, io.EOF)
}
