package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestErrorTypes(t *testing.T) {
	cases := []struct {
		name     string
		status   int
		body     string
		sentinel error
		contains []string
	}{
		{"404 detail string", 404, `{"detail":"Retirement not found"}`, ErrNotFound,
			[]string{"404", "Retirement not found", "other environment", "GET /registry/v0/retirements/ret_1"}},
		{"404 no body", 404, ``, ErrNotFound, []string{"not found"}},
		{"401 client secret", 401, `{"detail":"Invalid client secret"}`, ErrUnauthorized,
			[]string{"X-Client-Secret", "client secret is likely wrong", "sandbox or production", "Invalid client secret"}},
		{"401 token", 401, `{"detail":"Invalid or expired token"}`, ErrUnauthorized,
			[]string{"access token is likely wrong", "acts as one organisation", "X-Client-Secret"}},
		{"401 unknown", 401, `{"detail":"Not authenticated"}`, ErrUnauthorized,
			[]string{"X-Client-Secret", "access token", "Check both credentials"}},
		{"403", 403, `{"detail":"Not allowed to act for org_2"}`, ErrForbidden,
			[]string{"403", "forbidden", "Not allowed to act for org_2", "organisation the access token acts as"}},
		{"422", 422, `{"detail":[{"loc":["body","credit_batch_quantities",0,"credit_quantity_kg"],"msg":"Input should be greater than 0","type":"greater_than","ctx":{"gt":0}},{"loc":["body","supplier_id"],"msg":"Field required","type":"missing"},{"loc":["query","first"],"msg":"too big","type":"x"}]}`,
			ErrValidation, []string{"validation failed\n  credit_batch_quantities.0.credit_quantity_kg: Input should be greater than 0\n  supplier_id: Field required\n  first: too big"}},
		{"422 detail string", 422, `{"detail":"Insufficient balance in ctb_1"}`, ErrValidation, []string{"validation failed: Insufficient balance in ctb_1"}},
		{"429", 429, `{"detail":"Too many requests"}`, ErrRateLimited, []string{"rate limited", "Too many requests"}},
		{"500", 500, `Internal Server Error`, ErrServer, []string{"500", "server error", "Internal Server Error"}},
		{"502 html", 502, `<html>bad gateway</html>`, ErrServer, []string{"502"}},
		{"409 other", 409, `{"message":"conflict here"}`, nil, []string{"409", "conflict here"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := answering(t, tc.status, tc.body)
			c, sink := newTestClient(t, rec, func(c *Config) { c.MaxRetries = -1 })
			_, err := c.GetRetirement(context.Background(), "ret_1")
			if err == nil {
				t.Fatal("no error")
			}
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("not an *APIError: %T %v", err, err)
			}
			if ae.StatusCode != tc.status || ae.Method != "GET" || ae.Path != "/registry/v0/retirements/ret_1" {
				t.Errorf("APIError = %+v", ae)
			}
			if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
				t.Errorf("errors.Is(%v) false: %v", tc.sentinel, err)
			}
			for _, s := range []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrValidation, ErrRateLimited, ErrServer} {
				if s != tc.sentinel && errors.Is(err, s) {
					t.Errorf("also matches %v", s)
				}
			}
			for _, want := range tc.contains {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err.Error(), want)
				}
			}
			if IsOutcomeUnknown(err) {
				t.Errorf("GET error marked outcome unknown")
			}
			if n := rec.count.Load(); n != 1 {
				t.Errorf("%d requests with retries disabled", n)
			}
			assertNoSecrets(t, "error", err.Error())
			assertNoTerraform(t, err.Error())
			assertLogsClean(t, sink)
			if logs := sink.all(); len(logs) != 1 || logs[0].Status != tc.status || logs[0].Err == nil {
				t.Errorf("logs = %+v", logs)
			}
		})
	}
}

func TestValidationDetail(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeRaw(w, 422, `{"detail":[{"loc":["body","notes"],"msg":"String should have at most 256 characters","type":"string_too_long","input":"x"},{"loc":["body"],"msg":"Invalid JSON","type":"json_invalid"}]}`)
	})
	c, _ := newTestClient(t, rec, nil)
	_, err := c.CreateTransfer(context.Background(), CreateTransferRequest{})
	var ae *APIError
	if !errors.As(err, &ae) || !errors.Is(err, ErrValidation) {
		t.Fatalf("err = %v", err)
	}
	if len(ae.Detail) != 2 || ae.Detail[0].Msg != "String should have at most 256 characters" {
		t.Errorf("Detail = %+v", ae.Detail)
	}
	lines := ae.ValidationMessages()
	if len(lines) != 2 || lines[0] != "notes: String should have at most 256 characters" || lines[1] != "body: Invalid JSON" {
		t.Errorf("lines = %q", lines)
	}
	if IsOutcomeUnknown(err) {
		t.Errorf("422 on POST marked outcome unknown")
	}
	if n := rec.count.Load(); n != 1 {
		t.Errorf("422 POST sent %d times", n)
	}
}

func TestSecretsNeverInErrors(t *testing.T) {
	// A server that echoes the credentials back in every kind of error.
	echo := `{"detail":"bad secret ` + testSecret + ` and token Bearer ` + testToken + `"}`
	for _, status := range []int{400, 401, 403, 404, 422, 429, 500} {
		rec := answering(t, status, echo)
		c, sink := newTestClient(t, rec, func(c *Config) { c.MaxRetries = 1 })
		_, err := c.GetOrder(context.Background(), "ord_1")
		if err == nil {
			t.Fatalf("%d: no error", status)
		}
		assertNoSecrets(t, "GET error", err.Error())
		var ae *APIError
		if errors.As(err, &ae) {
			assertNoSecrets(t, "APIError.Message", ae.Message)
		}
		_, err = c.CreateTransfer(context.Background(), CreateTransferRequest{})
		assertNoSecrets(t, "POST error", err.Error())
		assertLogsClean(t, sink)
	}
	// 422 details too.
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeRaw(w, 422, `{"detail":[{"loc":["header","x-client-secret"],"msg":"`+testSecret+` is wrong","type":"x","input":"`+testSecret+`"}]}`)
	})
	c, sink := newTestClient(t, rec, nil)
	_, err := c.GetOrder(context.Background(), "ord_1")
	assertNoSecrets(t, "422 error", err.Error())
	var ae *APIError
	errors.As(err, &ae)
	for _, d := range ae.Detail {
		assertNoSecrets(t, "422 detail", d.Msg)
	}
	assertLogsClean(t, sink)

	// Transport errors.
	c2, err := New(Config{BaseURL: "http://127.0.0.1:1/registry/v0", ClientSecret: testSecret, AccessToken: testToken, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c2.GetOrder(context.Background(), "ord_1")
	if err == nil {
		t.Fatal("no error")
	}
	assertNoSecrets(t, "transport error", err.Error())
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	h := http.Header{}
	if d := parseRetryAfter(h, now); d != 0 {
		t.Errorf("absent = %v", d)
	}
	h.Set("Retry-After", "3")
	if d := parseRetryAfter(h, now); d != 3*time.Second {
		t.Errorf("seconds = %v", d)
	}
	h.Set("Retry-After", now.Add(7*time.Second).Format(http.TimeFormat))
	if d := parseRetryAfter(h, now); d != 7*time.Second {
		t.Errorf("date = %v", d)
	}
	h.Set("Retry-After", now.Add(-time.Hour).Format(http.TimeFormat))
	if d := parseRetryAfter(h, now); d != 0 {
		t.Errorf("past date = %v", d)
	}
	h.Set("Retry-After", "soon")
	if d := parseRetryAfter(h, now); d != 0 {
		t.Errorf("garbage = %v", d)
	}
}

func TestOutcomeUnknownErrorShape(t *testing.T) {
	cause := &APIError{StatusCode: 503, Method: "POST", Path: "/registry/v0/retirements"}
	var err error = &OutcomeUnknownError{Method: "POST", Path: "/registry/v0/retirements", Err: cause}
	if !IsOutcomeUnknown(err) || !errors.Is(err, ErrServer) {
		t.Errorf("chain broken: %v", err)
	}
	if !strings.Contains(err.Error(), "outcome unknown") || !strings.Contains(err.Error(), "not retried") {
		t.Errorf("Error() = %q", err.Error())
	}
	if IsOutcomeUnknown(cause) || IsOutcomeUnknown(nil) {
		t.Errorf("false positive")
	}
}

func TestSuspectCredential(t *testing.T) {
	const (
		secretHint = "the client secret (the X-Client-Secret header) identifies the API client and is tied to one environment, " +
			"sandbox or production: a secret of the other environment is rejected"
		tokenHint = "the access token (the Authorization bearer token) acts as one organisation and may be missing, expired, " +
			"revoked or issued for the other environment"
		prefix = "Isometric Registry API: GET /registry/v0/organisation: 401 Unauthorized: unauthorized (server said: "
	)
	cases := []struct {
		message string
		want    Credential
		text    string
	}{
		{"Invalid client secret", CredentialClientSecret, prefix + "Invalid client secret). The client secret is likely wrong: " +
			secretHint + ". If it is right, check the access token: " + tokenHint + "."},
		{"Invalid or expired token", CredentialAccessToken, prefix + "Invalid or expired token). The access token is likely wrong: " +
			tokenHint + ". If it is right, check the client secret: " + secretHint + "."},
		{"Not authenticated", CredentialBoth, prefix + "Not authenticated). Check both credentials and that they belong to the selected environment: " +
			secretHint + "; " + tokenHint + "."},
		{"bad client secret and bearer token", CredentialBoth, prefix + "bad client secret and bearer token). Check both credentials and that they belong to the selected environment: " +
			secretHint + "; " + tokenHint + "."},
	}
	for _, tc := range cases {
		e := &APIError{StatusCode: 401, Method: "GET", Path: "/registry/v0/organisation", Message: tc.message}
		if got := e.SuspectCredential(); got != tc.want {
			t.Errorf("%q: SuspectCredential() = %v, want %v", tc.message, got, tc.want)
		}
		if got := e.Error(); got != tc.text {
			t.Errorf("%q: Error() =\n%s\nwant\n%s", tc.message, got, tc.text)
		}
	}

	icr := &APIError{StatusCode: 401, Method: "GET", Path: "/v1/retirements", Message: "Invalid client secret", service: serviceICR}
	if got := icr.SuspectCredential(); got != CredentialAccessToken {
		t.Errorf("ICR: SuspectCredential() = %v", got)
	}
	if got, want := icr.Error(), "ICR API: GET /v1/retirements: 401 Unauthorized: unauthorized (server said: Invalid client secret). "+
		"Check the ICR access token (the Authorization bearer token): it may be missing, expired or revoked."; got != want {
		t.Errorf("ICR Error() =\n%s\nwant\n%s", got, want)
	}
	for _, status := range []int{403, 404, 422, 500} {
		if got := (&APIError{StatusCode: status, Message: "token"}).SuspectCredential(); got != CredentialNone {
			t.Errorf("%d: SuspectCredential() = %v, want CredentialNone", status, got)
		}
	}
	for c, want := range map[Credential]string{
		CredentialNone:         "none",
		CredentialClientSecret: "client secret (X-Client-Secret header)",
		CredentialAccessToken:  "access token (Authorization bearer token)",
		CredentialBoth:         "client secret and access token",
	} {
		if c.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(c), c.String(), want)
		}
	}
}

func TestBaseURLForEnvironmentMessage(t *testing.T) {
	_, err := BaseURLForEnvironment("staging")
	if want := `unknown Isometric environment "staging": use "sandbox" or "production" (or an explicit base URL)`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}
