package localregistry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// nullBody marks a JSON null answer.
type nullBody struct{}

// writeJSON writes body as JSON (HTML characters unescaped, like FastAPI) with an exact
// Content-Length.
func writeJSON(w http.ResponseWriter, status int, body any, header map[string]string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if _, isNull := body.(nullBody); isNull {
		buf.WriteString("null\n")
	} else if err := enc.Encode(body); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"detail":"internal error: cannot encode response"}` + "\n")
	}
	for k, v := range header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// The error bodies are the registry's own types: the client parses errors leniently and has no
// types for them.

// detailBody is the API's error body, as FastAPI writes it: {"detail": "message"}, or for a 422
// {"detail": [vErr, ...]}.
type detailBody struct {
	Detail any `json:"detail"`
}

// icrErrorBody is the ICR's error body.
type icrErrorBody struct {
	StatusCode int    `json:"statusCode"`
	Message    string `json:"message"`
}

// apiError is a non-200 answer.
type apiError struct {
	status int
	body   any
	header map[string]string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d: %v", e.status, e.body) }

func writeErr(w http.ResponseWriter, err error) {
	if ae, ok := err.(*apiError); ok {
		writeJSON(w, ae.status, ae.body, ae.header)
		return
	}
	writeJSON(w, http.StatusInternalServerError, detailBody{Detail: err.Error()}, nil)
}

func detail(status int, format string, a ...any) error {
	return &apiError{status: status, body: detailBody{Detail: fmt.Sprintf(format, a...)}}
}

func notFound(format string, a ...any) error  { return detail(http.StatusNotFound, format, a...) }
func forbidden(format string, a ...any) error { return detail(http.StatusForbidden, format, a...) }

// unauthorized is a 401 that asks for a bearer token.
func unauthorized(msg string) error {
	return &apiError{status: http.StatusUnauthorized, body: detailBody{Detail: msg}, header: map[string]string{"WWW-Authenticate": "Bearer"}}
}

func icrError(status int, msg string) error {
	return &apiError{status: status, body: icrErrorBody{StatusCode: status, Message: msg}}
}

// vErr is one entry of a FastAPI 422 body.
type vErr struct {
	Loc   []any          `json:"loc"`
	Msg   string         `json:"msg"`
	Type  string         `json:"type"`
	Input any            `json:"input"`
	Ctx   map[string]any `json:"ctx,omitempty"`
}

// vErrs collects the 422 entries of one request.
type vErrs []vErr

func (v *vErrs) add(loc []any, msg, typ string, input any, ctx map[string]any) {
	*v = append(*v, vErr{Loc: append([]any{}, loc...), Msg: msg, Type: typ, Input: input, Ctx: ctx})
}

// err is the 422 answer with every collected entry (nil when there are none).
func (v vErrs) err() error {
	if len(v) == 0 {
		return nil
	}
	return &apiError{status: http.StatusUnprocessableEntity, body: detailBody{Detail: []vErr(v)}}
}

// ruleError is a business-rule refusal: 422 with one value_error entry on the offending field.
func ruleError(input any, msg string, loc ...any) error {
	var v vErrs
	v.add(append([]any{"body"}, loc...), msg, "value_error", input, map[string]any{"error": msg})
	return v.err()
}
