package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// world is one local registry (demo world) behind its own httptest server on 127.0.0.1.
type world struct {
	t    *testing.T
	spec *apiSpec
	reg  *localregistry.Registry
	srv  *httptest.Server
	rec  *recorder
	// seed is the demo world the registry started from, for expected values.
	seed *localregistry.Seed
}

// newWorld starts a fresh registry; its exchanges through validating transports are recorded in w.rec.
func newWorld(t *testing.T) *world {
	t.Helper()
	spec := loadSpec(t)
	reg, err := localregistry.New(localregistry.Options{})
	if err != nil {
		t.Fatalf("localregistry.New: %v", err)
	}
	srv := httptest.NewServer(reg.Handler())
	t.Cleanup(srv.Close)
	return &world{t: t, spec: spec, reg: reg, srv: srv, rec: &recorder{}, seed: localregistry.DemoSeed()}
}

func (w *world) baseURL() string { return w.srv.URL + "/registry/v0" }

// httpClient is an http.Client whose transport validates every exchange against the spec.
func (w *world) httpClient() *http.Client {
	return &http.Client{
		Timeout:   20 * time.Second,
		Transport: &validatingTransport{t: w.t, spec: w.spec, base: http.DefaultTransport, rec: w.rec},
	}
}

// client returns an API client acting with token, with tiny retry waits; mods adjust the config.
func (w *world) client(token string, mods ...func(*client.Config)) *client.Client {
	w.t.Helper()
	cfg := client.Config{
		BaseURL:      w.baseURL(),
		ClientSecret: localregistry.DemoClientSecret,
		AccessToken:  token,
		UserAgent:    "terraform-provider-isometric-conformance-test",
		HTTPClient:   w.httpClient(),
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
	}
	for _, m := range mods {
		m(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		w.t.Fatalf("client.New: %v", err)
	}
	return c
}

// withTransport adjusts the validating transport of a client config made by world.client.
func withTransport(adjust func(*validatingTransport)) func(*client.Config) {
	return func(cfg *client.Config) {
		vt, ok := cfg.HTTPClient.Transport.(*validatingTransport)
		if !ok {
			panic(fmt.Sprintf("client transport is %T, not the validating transport", cfg.HTTPClient.Transport))
		}
		adjust(vt)
	}
}

// rawResponse is an answer to a raw request.
type rawResponse struct {
	Status int
	Header http.Header
	Body   []byte
	// RequestErr is what the spec says about the request (nil: the request conforms).
	RequestErr error
}

// rawHeaders are the headers of a raw request; an empty value leaves the header out.
type rawHeaders struct{ ClientSecret, Token string }

// raw sends a request bypassing the client's types (body is sent as is when it is a string or
// []byte, JSON-encoded otherwise). The request is checked against the spec (result in RequestErr)
// and the answer is validated against the spec (a violation fails the test).
func (w *world) raw(method, pathAndQuery string, h rawHeaders, body any) rawResponse {
	w.t.Helper()
	var data []byte
	switch b := body.(type) {
	case nil:
	case string:
		data = []byte(b)
	case []byte:
		data = b
	default:
		var err error
		if data, err = json.Marshal(b); err != nil {
			w.t.Fatalf("encoding raw body: %v", err)
		}
	}
	var rd io.Reader = http.NoBody
	if data != nil {
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, w.baseURL()+pathAndQuery, rd)
	if err != nil {
		w.t.Fatalf("raw request: %v", err)
	}
	if data != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if h.ClientSecret != "" {
		req.Header.Set("X-Client-Secret", h.ClientSecret)
	}
	if h.Token != "" {
		req.Header.Set("Authorization", "Bearer "+h.Token)
	}
	sr, reqErr := w.spec.validateRequest(req.Clone(req.Context()), data)
	if sr == nil {
		w.t.Fatalf("raw %s %s: %v", method, pathAndQuery, reqErr)
	}
	resp, err := rawClient.Do(req)
	if err != nil {
		w.t.Fatalf("raw %s %s: %v", method, pathAndQuery, err)
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(resp.Body)
	if err != nil {
		w.t.Fatalf("raw %s %s: reading body: %v", method, pathAndQuery, err)
	}
	if verr := w.spec.validateResponse(sr, resp.StatusCode, resp.Header, respBody); verr != nil {
		w.t.Errorf("registry answer to %s %s violates the spec: %v\nbody: %s", method, pathAndQuery, verr, respBody)
	}
	w.rec.add(exchange{OperationID: sr.operationID, Method: method, Path: req.URL.Path, Status: resp.StatusCode})
	return rawResponse{Status: resp.StatusCode, Header: resp.Header, Body: respBody, RequestErr: reqErr}
}

// rawClient sends raw requests (no validation in the transport: world.raw validates itself).
var rawClient = &http.Client{Timeout: 20 * time.Second}

// buyer are the demo buyer's credentials for raw requests.
var buyer = rawHeaders{ClientSecret: localregistry.DemoClientSecret, Token: localregistry.DemoBuyerToken}

// seedOrg returns the demo seed's organisation id.
func (w *world) seedOrg(id string) *localregistry.SeedOrganisation {
	w.t.Helper()
	for _, o := range w.seed.Organisations {
		if o.ID == id {
			return o
		}
	}
	w.t.Fatalf("organisation %s is not in the demo seed", id)
	return nil
}

// batch returns the registry's own record of a credit batch.
func (w *world) batch(id string) client.CreditBatch {
	w.t.Helper()
	b, ok := w.reg.CreditBatch(id)
	if !ok {
		w.t.Fatalf("registry has no credit batch %s", id)
	}
	return b
}

// idsOf maps nodes to their IDs.
func idsOf[T any](nodes []T, id func(T) string) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = id(n)
	}
	return out
}

// requireIDs fails unless every wanted ID is in got and no unwanted one is.
func requireIDs(t *testing.T, what string, got, want, unwanted []string) {
	t.Helper()
	for _, id := range want {
		if !slices.Contains(got, id) {
			t.Errorf("%s: %s missing from %v", what, id, got)
		}
	}
	for _, id := range unwanted {
		if slices.Contains(got, id) {
			t.Errorf("%s: %s unexpectedly in %v", what, id, got)
		}
	}
}

func orgID(o client.Organisation) string         { return o.ID }
func supplierID(s client.Supplier) string        { return s.ID }
func projectID(p client.Project) string          { return p.ID }
func batchID(b client.CreditBatch) string        { return b.ID }
func issuanceID(i client.Issuance) string        { return i.ID }
func orderID(o client.Order) string              { return o.ID }
func deliveryID(d client.Delivery) string        { return d.ID }
func transferID(tr client.Transfer) string       { return tr.ID }
func retirementID(r client.Retirement) string    { return r.ID }
func documentID(d client.ProjectDocument) string { return d.ID }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
