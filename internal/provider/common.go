package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// providerData is what Configure hands to resources and data sources (req.ProviderData).
type providerData struct {
	// Client talks to the Isometric Registry API.
	Client *client.Client
	// ICR talks to the International Carbon Registry; nil when ICR is not enabled (no icr block and
	// no ISOMETRIC_ICR_* environment variable). Use icrClient to get it with a clear error.
	ICR *client.ICRClient
	// Environment is "sandbox" or "production" (the configured environment, also when an endpoint overrides the URL).
	Environment string
	// Endpoint is the API base URL in use: the endpoint override, else the environment's URL.
	Endpoint string

	endpointOverridden bool
	// unknownAttributes lists provider attributes not known yet (plan with values known only after
	// apply and no deferred-actions support); Client is nil then.
	unknownAttributes []string
}

// providerDataFrom converts req.ProviderData of a resource's or data source's Configure. It returns
// nil without a diagnostic when Terraform has not configured the provider yet (ProviderData nil,
// for example while validating): the caller then returns and must not use the client. It adds an
// error (and returns nil) when the data has an unexpected type or the provider configuration is not
// known yet.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	if len(pd.unknownAttributes) > 0 {
		diags.AddError("Isometric provider configuration not known yet",
			fmt.Sprintf("The provider attributes %s depend on values that are only known after apply, so the provider "+
				"cannot reach the registry while planning. Set them from values known at plan time (variables, "+
				"environment variables), apply the resources they depend on first (terraform apply -target=...), "+
				"or plan with deferred actions enabled (-allow-deferral).", strings.Join(pd.unknownAttributes, ", ")))
		return nil
	}
	return pd
}

// where names the registry the provider talks to, for error messages.
func (pd *providerData) where() string {
	if pd == nil || pd.Endpoint == "" {
		return "the configured registry (check environment / " + envEnvironment + " and endpoint / " + envEndpoint + ")"
	}
	if pd.endpointOverridden {
		return fmt.Sprintf("the registry at endpoint %s (endpoint / %s)", pd.Endpoint, envEndpoint)
	}
	return fmt.Sprintf("the %s environment (%s)", pd.Environment, pd.Endpoint)
}

// icrClient returns the ICR client, or adds an error explaining how to enable ICR and returns nil.
func (pd *providerData) icrClient(diags *diag.Diagnostics) *client.ICRClient {
	if pd.ICR == nil {
		diags.AddError("ICR access is not configured",
			"The ICR data sources read the International Carbon Registry, which needs its own access token. "+
				"Add an icr block to the provider \"isometric\" block (icr { access_token = ... }) or set the "+
				envICRAccessToken+" environment variable (and "+envICREndpoint+" for another endpoint than "+client.ICRDefaultURL+").")
		return nil
	}
	return pd.ICR
}

// addClientError turns an error of the Isometric Registry client into a diagnostic under summary.
// Prefer the method pd.addClientError, which also names the environment or endpoint in use.
func addClientError(diags *diag.Diagnostics, summary string, err error) {
	(*providerData)(nil).addClientError(diags, summary, err)
}

// addClientError turns an error of the Isometric Registry client into a diagnostic under summary:
// not found names the environment/endpoint in use, 401/403 the attribute and environment variable
// to fix, 422 the registry's "field: message" lines. Client errors never contain secrets.
func (pd *providerData) addClientError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, describeClientError(err, pd.where(),
		"to look in another environment set environment ("+envEnvironment+") or endpoint ("+envEndpoint+")"))
}

// addICRError is addClientError for errors of the ICR client.
func (pd *providerData) addICRError(diags *diag.Diagnostics, summary string, err error) {
	where := "the ICR API"
	if pd != nil && pd.ICR != nil {
		where = "the ICR API at " + pd.ICR.BaseURL()
	}
	diags.AddError(summary, describeClientError(err, where, "check the icr block's endpoint ("+envICREndpoint+") and the ID"))
}

// describeClientError renders err with what to do about it. where names the API in use.
func describeClientError(err error, where, otherEnvironmentFix string) string {
	if err == nil {
		return "unknown error"
	}
	var apiErr *client.APIError
	switch {
	case client.IsOutcomeUnknown(err):
		return err.Error()
	case errors.Is(err, client.ErrNotFound):
		return fmt.Sprintf("%s\n\nThe provider is connected to %s; %s.", err, where, otherEnvironmentFix)
	case errors.Is(err, client.ErrUnauthorized):
		return fmt.Sprintf("%s\n\nThe credentials were rejected by %s.", err, where)
	case errors.Is(err, client.ErrForbidden):
		return fmt.Sprintf("%s\n\nThe provider is connected to %s; the access token (access_token / %s) decides which organisation the provider acts as.",
			err, where, envAccessToken)
	case errors.Is(err, client.ErrValidation) && errors.As(err, &apiErr) && len(apiErr.Detail) > 0:
		return fmt.Sprintf("The registry rejected the request (%s %s, 422):\n  %s",
			apiErr.Method, apiErr.Path, strings.Join(apiErr.ValidationMessages(), "\n  "))
	default:
		return err.Error()
	}
}

// stringCheckValidator adapts a check function to a schema validator, so that the same check
// (and message) applies to a configured attribute and to a value from an environment variable.
type stringCheckValidator struct {
	check func(string) error
}

// stringCheck returns a validator that reports check's error for known, non-null values.
func stringCheck(check func(string) error) validator.String { return stringCheckValidator{check} }

func (v stringCheckValidator) Description(context.Context) string {
	return "value must pass the provider's format check"
}

func (v stringCheckValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v stringCheckValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if err := v.check(value); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Invalid %s %q", req.Path, value), err.Error()+".")
	}
}

// checkEnvironment accepts "sandbox" and "production" (any case).
func checkEnvironment(env string) error {
	if _, err := client.BaseURLForEnvironment(env); err != nil || strings.TrimSpace(env) == "" {
		return fmt.Errorf("environment must be %q or %q; to use another registry, such as the local one, set endpoint (or %s) instead",
			client.EnvironmentSandbox, client.EnvironmentProduction, envEndpoint)
	}
	return nil
}

// checkEndpoint accepts an absolute http(s) URL of the Registry API.
func checkEndpoint(v string) error {
	return checkHTTPURL(v, "endpoint", "https://api.sandbox.isometric.com/registry/v0 or http://127.0.0.1:8765/registry/v0")
}

// checkICREndpoint accepts an absolute http(s) URL of the ICR API.
func checkICREndpoint(v string) error {
	return checkHTTPURL(v, "icr.endpoint", client.ICRDefaultURL+" or http://127.0.0.1:8765/icr")
}

func checkHTTPURL(v, attr, examples string) error {
	u, err := url.Parse(strings.TrimSpace(v))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%s must be an absolute http or https URL without query or fragment, for example %s", attr, examples)
	}
	return nil
}

// Limits of Isometric IDs (the spec's IsometricIDRequestParam schemas).
const (
	isometricIDMinLength = 20
	isometricIDMaxLength = 37
)

// checkIsometricID checks an Isometric ID: the type prefix (e.g. "org_") and 20..37 characters.
// kind names the object in the message, e.g. "organisation".
func checkIsometricID(kind, prefix, id string) error {
	if !strings.HasPrefix(id, prefix) || len(id) < isometricIDMinLength || len(id) > isometricIDMaxLength ||
		strings.ContainsAny(id, " \t\r\n/?#") {
		return fmt.Errorf("%s ID starts with %q and is %d to %d characters long without spaces (this one has %d), for example %s1GB56M1ST1S0GVNA; "+
			"copy the ID from the registry or from another resource's id attribute",
			withArticle(kind), prefix, isometricIDMinLength, isometricIDMaxLength, len(id), prefix)
	}
	return nil
}

// withArticle prefixes kind with "a" or "an".
func withArticle(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// isometricIDValidator validates an ID attribute of the given kind and prefix with checkIsometricID.
func isometricIDValidator(kind, prefix string) validator.String {
	return idValidator{kind: kind, prefix: prefix}
}

type idValidator struct{ kind, prefix string }

func (v idValidator) Description(context.Context) string {
	return fmt.Sprintf("must be %s ID: prefix %q, %d to %d characters", withArticle(v.kind), v.prefix, isometricIDMinLength, isometricIDMaxLength)
}

func (v idValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v idValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	id := req.ConfigValue.ValueString()
	if err := checkIsometricID(v.kind, v.prefix, id); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Invalid %s ID %q", v.kind, id), fmt.Sprintf("%s: %s.", req.Path, err))
	}
}
