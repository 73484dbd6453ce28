// Package conformance checks the local registry's responses and the client's requests against the
// Isometric Registry OpenAPI document (api/isometric-registry-openapi.json), and injects faults to
// check how the client and the registry behave together.
package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// apiSpec is the loaded OpenAPI document with its router and the list of its operations.
type apiSpec struct {
	doc    *openapi3.T
	router routers.Router
	// server is the spec's first server URL (e.g. https://api.sandbox.isometric.com/registry/v0);
	// requests to the local registry are routed by rewriting their scheme and host to it.
	server *url.URL
	// operations maps every operationId to "METHOD /path" as declared in the spec.
	operations map[string]string
}

var (
	specOnce   sync.Once
	loadedSpec *apiSpec
	specErr    error
)

// specPath finds the repository copy of the spec relative to this file.
func specPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "api", "isometric-registry-openapi.json")
}

// docValidationOptions: one pattern of the spec (SupplierStripeConfiguration's price strings) uses a
// negative lookahead, which Go's regexp lacks, so the document is validated without compiling patterns.
func docValidationOptions() []openapi3.ValidationOption {
	return []openapi3.ValidationOption{openapi3.DisableSchemaPatternValidation()}
}

// loadSpec loads, validates and indexes the spec once per test binary.
func loadSpec(t testing.TB) *apiSpec {
	t.Helper()
	specOnce.Do(func() { loadedSpec, specErr = buildSpec(specPath()) })
	if specErr != nil {
		t.Fatalf("loading the OpenAPI spec: %v", specErr)
	}
	return loadedSpec
}

func buildSpec(path string) (*apiSpec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	if err := doc.Validate(context.Background(), docValidationOptions()...); err != nil {
		return nil, fmt.Errorf("validate %s: %w", path, err)
	}
	router, err := legacy.NewRouter(doc, docValidationOptions()...)
	if err != nil {
		return nil, fmt.Errorf("router: %w", err)
	}
	if len(doc.Servers) == 0 {
		return nil, errors.New("spec declares no servers")
	}
	server, err := url.Parse(doc.Servers[0].URL)
	if err != nil {
		return nil, fmt.Errorf("server URL: %w", err)
	}
	ops := map[string]string{}
	for p, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return nil, fmt.Errorf("%s %s has no operationId", method, p)
			}
			if prev, dup := ops[op.OperationID]; dup {
				return nil, fmt.Errorf("operationId %s used twice (%s and %s %s)", op.OperationID, prev, method, p)
			}
			ops[op.OperationID] = method + " " + p
		}
	}
	return &apiSpec{doc: doc, router: router, server: server, operations: ops}, nil
}

// operationIDs returns every operationId of the spec, sorted.
func (s *apiSpec) operationIDs() []string {
	ids := make([]string, 0, len(s.operations))
	for id := range s.operations {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// filterOptions are the openapi3filter options used for every request and response.
func filterOptions() *openapi3filter.Options {
	return &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		SkipSettingDefaults:   true,
		AuthenticationFunc:    requireBearer,
		RegexCompiler:         compileLookaheadPattern,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.SetSchemaRegexCompiler(compileLookaheadPattern),
		},
	}
}

// requireBearer implements the spec's HTTPBearer scheme: the Authorization header must carry a bearer
// token. Whether the token is right is the registry's business.
func requireBearer(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecurityScheme == nil || in.SecurityScheme.Type != "http" || !strings.EqualFold(in.SecurityScheme.Scheme, "bearer") {
		return in.NewError(fmt.Errorf("unexpected security scheme %q", in.SecuritySchemeName))
	}
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return in.NewError(errors.New("missing Authorization: Bearer <token> header"))
	}
	return nil
}

// lookaheadMatcher matches `^(?!neg)pos`: the string must not match neg and must match ^pos.
type lookaheadMatcher struct{ neg, pos *regexp.Regexp }

func (m lookaheadMatcher) MatchString(s string) bool {
	return !m.neg.MatchString(s) && m.pos.MatchString(s)
}

// compileLookaheadPattern compiles a pattern with Go's regexp, except that one leading anchored
// negative lookahead `^(?!X)Y` (Perl syntax, used by the spec for decimal strings) is evaluated as
// "not ^X and ^Y", which is what the lookahead means at the start of the string.
func compileLookaheadPattern(expr string) (openapi3.RegexMatcher, error) {
	const prefix = "^(?!"
	if !strings.HasPrefix(expr, prefix) {
		return regexp.Compile(expr)
	}
	end := closingParen(expr, len(prefix))
	if end < 0 {
		return nil, fmt.Errorf("unbalanced lookahead in %q", expr)
	}
	neg, err := regexp.Compile(`^(?:` + strings.TrimPrefix(expr[len(prefix):end], "^") + `)`)
	if err != nil {
		return nil, err
	}
	pos, err := regexp.Compile(`^(?:` + expr[end+1:] + `)`)
	if err != nil {
		return nil, err
	}
	return lookaheadMatcher{neg: neg, pos: pos}, nil
}

// closingParen returns the index of the ')' closing the group opened just before start, honouring
// escapes and character classes; -1 if there is none.
func closingParen(expr string, start int) int {
	depth, inClass := 1, false
	for i := start; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// specRequest is a request routed to its operation in the spec.
type specRequest struct {
	input       *openapi3filter.RequestValidationInput
	operationID string
}

// route finds the spec operation of a request sent to the local registry: the request's scheme and
// host are replaced by the spec server's, the path (which starts with /registry/v0) is kept.
func (s *apiSpec) route(req *http.Request, body []byte) (*specRequest, error) {
	routed := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host = s.server.Scheme, s.server.Host
	routed.URL = &u
	routed.Host = s.server.Host
	routed.Body = http.NoBody
	if body != nil {
		routed.Body = readCloser(body)
		routed.ContentLength = int64(len(body))
	}
	route, params, err := s.router.FindRoute(routed)
	if err != nil {
		return nil, fmt.Errorf("%s %s is not an operation of the spec: %w", req.Method, req.URL.Path, err)
	}
	return &specRequest{
		input: &openapi3filter.RequestValidationInput{
			Request: routed, PathParams: params, Route: route, Options: filterOptions(),
		},
		operationID: route.Operation.OperationID,
	}, nil
}

// validateRequest routes the request and validates its parameters, headers, security and body.
// Stricter than OpenAPI requires, it also refuses query parameters and top-level body fields the
// operation does not declare (a misspelt name would otherwise be silently ignored by the API).
// The returned specRequest is usable even when the request itself is invalid (err != nil).
func (s *apiSpec) validateRequest(req *http.Request, body []byte) (*specRequest, error) {
	sr, err := s.route(req, body)
	if err != nil {
		return nil, err
	}
	return sr, errors.Join(openapi3filter.ValidateRequest(req.Context(), sr.input), undeclaredInputs(sr, req, body))
}

// undeclaredInputs reports query parameters and top-level JSON body fields the operation does not declare.
func undeclaredInputs(sr *specRequest, req *http.Request, body []byte) error {
	op := sr.input.Route.Operation
	var errs []error
	for name := range req.URL.Query() {
		if p := op.Parameters.GetByInAndName(openapi3.ParameterInQuery, name); p == nil {
			errs = append(errs, fmt.Errorf("query parameter %q is not declared by %s", name, sr.operationID))
		}
	}
	var fields map[string]json.RawMessage
	if len(body) == 0 || op.RequestBody == nil || json.Unmarshal(body, &fields) != nil {
		return errors.Join(errs...)
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return errors.Join(errs...)
	}
	declared := map[string]bool{}
	for _, alt := range append([]*openapi3.SchemaRef{mt.Schema}, append(mt.Schema.Value.OneOf, mt.Schema.Value.AnyOf...)...) {
		for name := range alt.Value.Properties {
			declared[name] = true
		}
	}
	for name := range fields {
		if !declared[name] {
			errs = append(errs, fmt.Errorf("body field %q is not declared by %s", name, sr.operationID))
		}
	}
	return errors.Join(errs...)
}

// isUndeclaredErrorStatus lists the statuses the API may answer although the spec declares none of them.
func isUndeclaredErrorStatus(status int) bool {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusTooManyRequests:
		return true
	}
	return status >= 500 && status <= 599
}

// validateResponse checks a response against the spec: a declared status is validated with
// openapi3filter (headers, content type, body schema); error statuses the spec leaves undeclared (or
// declares without content) must still be the API's JSON error shape {"detail": ...}.
func (s *apiSpec) validateResponse(sr *specRequest, status int, header http.Header, body []byte) error {
	op := sr.input.Route.Operation
	declared := op.Responses.Status(status)
	if declared == nil && !isUndeclaredErrorStatus(status) {
		return fmt.Errorf("%s: status %d is neither declared by the spec nor an expected error status", sr.operationID, status)
	}
	if declared != nil {
		err := openapi3filter.ValidateResponse(sr.input.Request.Context(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: sr.input,
			Status:                 status,
			Header:                 header,
			Body:                   readCloser(body),
			Options:                filterOptions(),
		})
		if err != nil {
			return fmt.Errorf("%s: response %d does not match the spec: %w", sr.operationID, status, err)
		}
		if status < 400 {
			errs := append(checkInvariants(body), checkPageSize(sr.input.Request.URL.Query(), body))
			return errors.Join(errs...)
		}
		if len(declared.Value.Content) > 0 {
			return nil
		}
	}
	return checkDetailBody(status, header, body)
}

// checkDetailBody asserts an error answer is a JSON object with a non-empty "detail".
func checkDetailBody(status int, header http.Header, body []byte) error {
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("status %d: Content-Type %q, want application/json", status, ct)
	}
	var v struct {
		Detail json.RawMessage `json:"detail"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("status %d: body %q is not a JSON object: %v", status, body, err)
	}
	if d := bytes.TrimSpace(v.Detail); len(d) == 0 || string(d) == "null" || string(d) == `""` {
		return fmt.Errorf("status %d: body %q has no \"detail\"", status, body)
	}
	return nil
}
