package provider

// What Configure hands to every resource and data source (providerData): the API clients, the
// environment and endpoint in use (named in error messages), and the ICR client when enabled.

import (
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// providerData is what Configure hands to resources and data sources (req.ProviderData).
type providerData struct {
	// Client talks to the Isometric Registry API.
	Client *client.Client
	// View is the walk's shared view of the registry (reads, the plan's claims, the locks): every
	// read of a resource or data source that other ones may share goes through it.
	View *registryView
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
	// configErrors are the errors of the provider settings (missing credentials, invalid values):
	// Client is nil then, and ready reports them where the registry is needed.
	configErrors diag.Diagnostics
	reportOnce   sync.Once
}

// ready reports whether the provider can reach the registry (Client is set). Otherwise it adds why
// and returns false: the errors of the provider settings (without attribute paths: they concern the
// provider block, not the resource that needs the registry) for the first caller of the walk, a
// short error naming them for the others. Call it where the registry is first needed (a create's
// plan-time checks, Create, Read, a data source's or list resource's read), never from Configure or
// validation: provider functions and validation need no registry.
func (pd *providerData) ready(diags *diag.Diagnostics) bool {
	if pd.Client != nil {
		return true
	}
	if len(pd.configErrors) == 0 {
		diags.AddError("Provider not configured", "The isometric provider has no API client. This is a bug in the provider; please report it.")
		return false
	}
	first := false
	pd.reportOnce.Do(func() { first = true })
	if first {
		for _, e := range pd.configErrors {
			diags.AddError(e.Summary(), e.Detail())
		}
		return false
	}
	summaries := make([]string, 0, len(pd.configErrors))
	for _, e := range pd.configErrors {
		summaries = append(summaries, e.Summary())
	}
	diags.AddError("Isometric provider settings incomplete",
		fmt.Sprintf("This needs the Isometric Registry, but the provider \"isometric\" settings have errors (%s), reported with their "+
			"fixes by the first resource or data source of this run that needed the registry.", strings.Join(summaries, "; ")))
	return false
}

// providerDataFrom converts req.ProviderData of a resource's, data source's or list resource's
// Configure. It returns nil without a diagnostic when Terraform has not configured the provider yet
// (ProviderData nil, for example while validating): the caller then returns and must not use the
// client. It adds an error (and returns nil) when the data has an unexpected type or the provider
// configuration is not known yet. Provider data whose settings have errors is returned as it is:
// check pd.ready where the registry is needed.
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

// icrRequirement ends the description of every ICR data source.
const icrRequirement = "Needs ICR access: the provider's `icr` block (`endpoint`, `access_token`) or the environment variables `" +
	envICREndpoint + "` / `" + envICRAccessToken + "`."
