package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestClientErrorsFromRegistry: the registry's real error answers become the client's typed errors,
// whose messages name the cause and never the secrets (nor do the client's log entries).
func TestClientErrorsFromRegistry(t *testing.T) {
	t.Parallel()
	const (
		badSecret = "wrong-client-secret-1234"
		badToken  = "wrong-access-token-5678"
	)
	cases := []struct {
		name         string
		secret       string
		token        string
		call         func(context.Context, *client.Client) error
		want         error
		status       int
		wantInError  []string // substrings of err.Error()
		wantFieldErr string   // a "field: message" line for 422
		// specInvalid: the request itself breaks the spec (the client passes input through; the
		// provider validates it at plan time): the transport must report it, not fail the test.
		specInvalid bool
	}{
		{name: "wrong client secret", secret: badSecret, token: lr.DemoBuyerToken, want: client.ErrUnauthorized, status: 401, wantInError: []string{"X-Client-Secret"},
			call: func(ctx context.Context, c *client.Client) error { _, err := c.CurrentOrganisation(ctx); return err }},
		{name: "wrong access token", token: badToken, want: client.ErrUnauthorized, status: 401, wantInError: []string{"access token"},
			call: func(ctx context.Context, c *client.Client) error { _, err := c.CurrentOrganisation(ctx); return err }},
		{name: "supplier endpoint as buyer", token: lr.DemoBuyerToken, want: client.ErrForbidden, status: 403,
			call: func(ctx context.Context, c *client.Client) error { _, err := c.CurrentSupplier(ctx); return err }},
		{name: "unknown batch", token: lr.DemoBuyerToken, want: client.ErrNotFound, status: 404, wantInError: []string{"/credit_batches/ctb_1NOSUCHBATCH00000"},
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.GetCreditBatch(ctx, "ctb_1NOSUCHBATCH00000")
				return err
			}},
		{name: "unknown project (200 null)", token: lr.DemoBuyerToken, want: client.ErrNotFound, status: 200,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.GetProject(ctx, "prj_1NOSUCHPROJECT000")
				return err
			}},
		{name: "batch too small", token: lr.DemoBuyerToken, want: client.ErrValidation, status: 422, wantFieldErr: "credit_batch_quantities",
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.CreateRetirement(ctx, retirementRequest(lr.DemoBatchA1Buyer1, 6_000))
				return err
			}},
		{name: "ID too short", token: lr.DemoBuyerToken, want: client.ErrValidation, status: 422, wantFieldErr: "id", specInvalid: true,
			call: func(ctx context.Context, c *client.Client) error {
				_, err := c.GetCreditBatch(ctx, "ctb_1SHORT")
				return err
			}},
		{name: "notes too long", token: lr.DemoBuyerToken, want: client.ErrValidation, status: 422, wantFieldErr: "notes", specInvalid: true,
			call: func(ctx context.Context, c *client.Client) error {
				req := retirementRequest(lr.DemoBatchA1Buyer1, 1_000)
				req.Notes = strp(strings.Repeat("n", 257))
				_, err := c.CreateRetirement(ctx, req)
				return err
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			var mu sync.Mutex
			var logs []client.RequestLog
			capture := &captureTB{TB: t}
			mods := []func(*client.Config){func(cfg *client.Config) {
				if tc.secret != "" {
					cfg.ClientSecret = tc.secret
				}
				cfg.Logger = func(_ context.Context, e client.RequestLog) {
					mu.Lock()
					defer mu.Unlock()
					logs = append(logs, e)
				}
			}}
			if tc.specInvalid {
				mods = append(mods, withTransport(func(vt *validatingTransport) { vt.t = capture }))
			}
			c := w.client(tc.token, mods...)
			err := tc.call(context.Background(), c)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var apiErr *client.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status {
				t.Fatalf("err = %#v, want an *APIError with status %d", err, tc.status)
			}
			if tc.specInvalid && (len(capture.errs) != 1 || !strings.Contains(capture.errs[0], "client request")) {
				t.Errorf("want exactly the request reported as breaking the spec, got %q", capture.errs)
			}
			msg := err.Error()
			for _, s := range tc.wantInError {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not mention %q", msg, s)
				}
			}
			if tc.wantFieldErr != "" && !hasFieldLine(apiErr.ValidationMessages(), tc.wantFieldErr) {
				t.Errorf("validation lines %q have no %q field", apiErr.ValidationMessages(), tc.wantFieldErr)
			}
			secrets := []string{badSecret, badToken, lr.DemoClientSecret, lr.DemoBuyerToken}
			mu.Lock()
			defer mu.Unlock()
			if len(logs) == 0 {
				t.Error("the client logged no attempt")
			}
			texts := []string{msg}
			for _, l := range logs {
				texts = append(texts, fmt.Sprintf("%s %s %v", l.Method, l.Path, l.Err))
			}
			for _, text := range texts {
				for _, s := range secrets {
					if strings.Contains(text, s) {
						t.Errorf("secret %q leaked in %q", s, text)
					}
				}
			}
		})
	}
}

// hasFieldLine reports whether a "field: message" line starts with field.
func hasFieldLine(lines []string, field string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, field) {
			return true
		}
	}
	return false
}
