package provider

// Diagnostics of the provider's own making: client errors rendered with what to do about them
// (the environment or endpoint in use, the attribute and environment variable to fix), and the
// small text helpers that messages share.

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// addClientError turns an error of the Isometric Registry client into a diagnostic under summary.
// Prefer the method pd.addClientError, which also names the environment or endpoint in use.
func addClientError(diags *diag.Diagnostics, summary string, err error) {
	(*providerData)(nil).addClientError(diags, summary, err)
}

// addClientError turns an error of the Isometric Registry client into a diagnostic under summary:
// not found names the environment/endpoint in use, 401/403 the attribute and environment variable
// to fix, 422 the registry's "field: message" lines. Client errors never contain secrets.
func (pd *providerData) addClientError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, describeClientError(err, pd.where(), clientErrorFixes{
		OtherEnvironment: "to look in another environment set environment (" + envEnvironment + ") or endpoint (" + envEndpoint + ")",
		ClientSecret:     "client_secret (or " + envClientSecret + ")",
		AccessToken:      "access_token (or " + envAccessToken + ")",
		Unreachable: "Check the URL in endpoint (or " + envEndpoint + ") and environment (or " + envEnvironment + "), and that " +
			"the registry is reachable from here (for the local registry: that it is running, on that address and port).",
	}))
}

// addICRError is addClientError for errors of the ICR client.
func (pd *providerData) addICRError(diags *diag.Diagnostics, summary string, err error) {
	where := "the ICR API"
	if pd != nil && pd.ICR != nil {
		where = "the ICR API at " + pd.ICR.BaseURL()
	}
	diags.AddError(summary, describeClientError(err, where, clientErrorFixes{
		OtherEnvironment: "check the icr block's endpoint (" + envICREndpoint + ") and the ID",
		AccessToken:      "the icr block's access_token (or " + envICRAccessToken + ")",
		Unreachable:      "Check the icr block's endpoint (or " + envICREndpoint + ") and that the ICR API is reachable from here.",
	}))
}

// clientErrorFixes names, in Terraform's terms, what a user changes to fix a client error: the
// client itself speaks only of the API (headers, base URL).
type clientErrorFixes struct {
	// OtherEnvironment ends a not-found message: how to look elsewhere.
	OtherEnvironment string
	// ClientSecret and AccessToken name the settings of the credentials a 401 may concern.
	ClientSecret, AccessToken string
	// Unreachable says what to check when no answer came at all (connection refused, DNS, TLS).
	Unreachable string
}

// credentials says which settings to check after a 401, from the client's guess of the
// credential the registry rejected.
func (f clientErrorFixes) credentials(err error) string {
	var apiErr *client.APIError
	suspect := client.CredentialBoth
	if errors.As(err, &apiErr) {
		suspect = apiErr.SuspectCredential()
	}
	switch {
	case suspect == client.CredentialClientSecret && f.ClientSecret != "":
		return "Check " + f.ClientSecret + ": it must be the client secret of that environment."
	case suspect == client.CredentialAccessToken || f.ClientSecret == "":
		return "Check " + f.AccessToken + ": it must be a valid access token of that environment."
	default:
		return "Check " + f.ClientSecret + " and " + f.AccessToken + ": both must belong to that environment."
	}
}

// describeClientError renders err with what to do about it. where names the API in use.
func describeClientError(err error, where string, fixes clientErrorFixes) string {
	if err == nil {
		return "unknown error"
	}
	var apiErr *client.APIError
	var reqErr *client.RequestError
	switch {
	case client.IsOutcomeUnknown(err):
		return err.Error()
	case errors.Is(err, client.ErrNotFound):
		return fmt.Sprintf("%s\n\nThe provider is connected to %s; %s.", err, where, fixes.OtherEnvironment)
	case errors.Is(err, client.ErrUnauthorized):
		return fmt.Sprintf("%s\n\nThe credentials were rejected by %s. %s", err, where, fixes.credentials(err))
	case errors.Is(err, client.ErrForbidden):
		return fmt.Sprintf("%s\n\nThe provider is connected to %s; the access token (access_token / %s) decides which organisation the provider acts as.",
			err, where, envAccessToken)
	case errors.Is(err, client.ErrValidation) && errors.As(err, &apiErr) && len(apiErr.Detail) > 0:
		return fmt.Sprintf("The registry rejected the request (%s %s, 422):\n  %s",
			apiErr.Method, apiErr.Path, strings.Join(apiErr.ValidationMessages(), "\n  "))
	case errors.As(err, &reqErr):
		return fmt.Sprintf("%s\n\nNo answer came from %s. %s", err, where, fixes.Unreachable)
	default:
		return err.Error()
	}
}

// renderRaw renders a Terraform value roughly as HCL, for messages.
func renderRaw(v tftypes.Value) string {
	switch {
	case !v.IsKnown():
		return "(known after apply)"
	case v.IsNull():
		return "null (unset)"
	}
	t := v.Type()
	switch {
	case t.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return fmt.Sprintf("%q", s)
	case t.Is(tftypes.Number):
		var n big.Float
		_ = v.As(&n)
		return n.Text('f', -1)
	case t.Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return fmt.Sprint(b)
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}), t.Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		parts := make([]string, 0, len(elems))
		for _, e := range elems {
			parts = append(parts, renderRaw(e))
		}
		if t.Is(tftypes.Set{}) {
			sort.Strings(parts)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case t.Is(tftypes.Object{}), t.Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, k+" = "+renderRaw(m[k]))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return v.String()
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// withArticle prefixes kind with "a" or "an".
func withArticle(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// quotedList renders values as "`a`, `b` or `c`".
func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// addAttributeError adds an error on the attribute at p. Terraform can show the source of an
// attribute of a block, but not of an element inside an attribute's list ("credit_batch_quantities[0]
// .credit_batch_id" would show the whole resource block), so an error on an element is attached to
// the attribute that holds the list, whose line Terraform then shows; the message names the
// element (every caller starts its detail with the full path).
func addAttributeError(diags *diag.Diagnostics, p path.Path, summary, detail string) {
	diags.AddAttributeError(sourcePath(p), summary, detail)
}

// addAttributeWarning is addAttributeError for a warning.
func addAttributeWarning(diags *diag.Diagnostics, p path.Path, summary, detail string) {
	diags.AddAttributeWarning(sourcePath(p), summary, detail)
}

// sourcePath is the part of p up to its first element step: the attribute Terraform can point at.
func sourcePath(p path.Path) path.Path {
	out := path.Empty()
	for _, step := range p.Steps() {
		name, ok := step.(path.PathStepAttributeName)
		if !ok {
			return out
		}
		out = out.AtName(string(name))
	}
	return p
}
