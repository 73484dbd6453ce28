// Package provider implements the Terraform provider for the Isometric carbon-removal registry
// (terraform-plugin-framework, protocol 6). It talks to the registry only through internal/client.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Environment variables read by the provider when the matching attribute is not set.
const (
	envEnvironment    = "ISOMETRIC_ENVIRONMENT"
	envEndpoint       = "ISOMETRIC_ENDPOINT"
	envClientSecret   = "ISOMETRIC_CLIENT_SECRET"
	envAccessToken    = "ISOMETRIC_ACCESS_TOKEN"
	envICREndpoint    = "ISOMETRIC_ICR_ENDPOINT"
	envICRAccessToken = "ISOMETRIC_ICR_ACCESS_TOKEN"
)

// Compile-time checks of the interfaces the provider implements.
var (
	_ provider.Provider                  = (*isometricProvider)(nil)
	_ provider.ProviderWithFunctions     = (*isometricProvider)(nil)
	_ provider.ProviderWithListResources = (*isometricProvider)(nil)
)

// isometricProvider is the provider implementation. version is the release version ("dev" for a
// local build, "test" in acceptance tests); getenv reads environment variables (os.Getenv; tests
// replace it).
type isometricProvider struct {
	version string
	getenv  func(string) string
	// handedOut is the provider data of the last Configure (nil before, or when deferred): the
	// server reads the data sources with records itself with it (server.streamedRead).
	handedOut atomic.Pointer[providerData]
}

// New returns a constructor of the provider, as providerserver.Serve expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return newProvider(version) }
}

// newProvider is the provider of the given version, reading the process's environment.
func newProvider(version string) *isometricProvider {
	return &isometricProvider{version: version, getenv: os.Getenv}
}

// providerModel is the provider configuration.
type providerModel struct {
	Environment  types.String `tfsdk:"environment"`
	Endpoint     types.String `tfsdk:"endpoint"`
	ClientSecret types.String `tfsdk:"client_secret"`
	AccessToken  types.String `tfsdk:"access_token"`
	ICR          *icrModel    `tfsdk:"icr"`
}

// icrModel is the optional icr block.
type icrModel struct {
	Endpoint    types.String `tfsdk:"endpoint"`
	AccessToken types.String `tfsdk:"access_token"`
}

// Metadata implements provider.Provider.
func (p *isometricProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "isometric"
	resp.Version = p.version
}

// Schema implements provider.Provider.
func (p *isometricProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Isometric provider declares operations on the [Isometric Registry](https://registry.isometric.com) " +
			"(carbon-removal credits: retirements, transfers, deliveries, beneficiaries) and reads its records " +
			"(organisations, suppliers, projects, credit batches, orders, issuances, ...). " +
			"Every setting can also come from an environment variable; an attribute set in the configuration wins over the variable.",
		Attributes: map[string]schema.Attribute{
			"environment": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Registry environment: `%s` (default, `%s`) or `%s` (`%s`). "+
					"Ignored for the URL when `endpoint` is set. Environment variable: `%s`.",
					client.EnvironmentSandbox, client.SandboxURL, client.EnvironmentProduction, client.ProductionURL, envEnvironment),
				Optional:   true,
				Validators: []validator.String{stringCheck(checkEnvironment)},
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Registry API, overriding the one of `environment`, for example " +
					"`http://127.0.0.1:8765/registry/v0` for the local registry (`make registry`). " +
					"Must be an absolute `http` or `https` URL including the API base path. Environment variable: `" + envEndpoint + "`.",
				Optional:   true,
				Validators: []validator.String{stringCheck(checkEndpoint)},
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "Client secret of your Isometric API client (sent as `X-Client-Secret`); it is tied to one environment. " +
					"Required, here or in the environment variable `" + envClientSecret + "`.",
				Optional:  true,
				Sensitive: true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "Access token (sent as `Authorization: Bearer`); it acts as one organisation. " +
					"Required, here or in the environment variable `" + envAccessToken + "`.",
				Optional:  true,
				Sensitive: true,
			},
		},
		Blocks: map[string]schema.Block{
			"icr": schema.SingleNestedBlock{
				MarkdownDescription: "Access to the retirement endpoints of the International Carbon Registry (ICR), used by the ICR data sources. " +
					"Enabled by this block or by the environment variables `" + envICRAccessToken + "` / `" + envICREndpoint + "`.",
				Attributes: map[string]schema.Attribute{
					"endpoint": schema.StringAttribute{
						MarkdownDescription: "Base URL of the ICR API (default `" + client.ICRDefaultURL + "`; " +
							"for the local registry `http://127.0.0.1:PORT/icr`). Environment variable: `" + envICREndpoint + "`.",
						Optional:   true,
						Validators: []validator.String{stringCheck(checkICREndpoint)},
					},
					"access_token": schema.StringAttribute{
						MarkdownDescription: "ICR API access token (sent as `Authorization: Bearer`). " +
							"Required when ICR is enabled, here or in the environment variable `" + envICRAccessToken + "`.",
						Optional:  true,
						Sensitive: true,
					},
				},
			},
		},
	}
}

// Configure implements provider.Provider: it resolves the settings (attribute, else environment
// variable, else default), validates them and builds the API clients handed to resources, data
// sources and list resources. It reports no error itself: settings that are missing or invalid are
// reported by the first resource, data source or list resource that needs the registry
// (providerData.ready), so that provider functions work without credentials on every CLI.
func (p *isometricProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if unknown := cfg.unknownAttributes(); len(unknown) > 0 {
		// Part of the configuration depends on values only known after apply. With deferred
		// actions enabled Terraform defers everything of this provider; otherwise resources and
		// data sources report the unknown attributes when they need the client (providerDataFrom).
		tflog.Debug(ctx, "Isometric provider configuration not fully known", map[string]any{"unknown_attributes": unknown})
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
			return
		}
		p.handOut(resp, &providerData{unknownAttributes: unknown})
		return
	}

	s := resolveSettings(cfg, p.getenv)
	var settingErrors diag.Diagnostics
	if !s.check(&settingErrors) {
		// Provider functions need no registry, and OpenTofu configures the provider before calling
		// one: the errors wait for the first resource, data source or list resource that needs the
		// API (providerData.ready).
		tflog.Debug(ctx, "Isometric provider settings incomplete: reported when the registry is needed", map[string]any{"errors": len(settingErrors)})
		p.handOut(resp, &providerData{configErrors: settingErrors})
		return
	}
	ctx = maskSecrets(ctx, s.secrets())

	userAgent := fmt.Sprintf("terraform-provider-isometric/%s (terraform %s)", p.version, req.TerraformVersion)
	logger := requestLogger(s.secrets())
	c, err := client.New(client.Config{
		BaseURL:      s.baseURL,
		ClientSecret: s.clientSecret,
		AccessToken:  s.accessToken,
		UserAgent:    userAgent,
		Logger:       logger,
	})
	if err != nil {
		var d diag.Diagnostics
		d.AddAttributeError(path.Root("endpoint"), "Cannot create the Isometric API client", err.Error())
		p.handOut(resp, &providerData{configErrors: d})
		return
	}
	pd := &providerData{
		Client:             c,
		View:               newRegistryView(c),
		Environment:        s.environment,
		Endpoint:           s.baseURL,
		endpointOverridden: s.endpointOverridden,
	}
	if s.icrEnabled {
		icr, err := client.NewICR(client.ICRConfig{
			BaseURL:     s.icrEndpoint,
			AccessToken: s.icrAccessToken,
			UserAgent:   userAgent,
			Logger:      logger,
		})
		if err != nil {
			var d diag.Diagnostics
			d.AddAttributeError(path.Root("icr").AtName("endpoint"), "Cannot create the ICR API client", err.Error())
			p.handOut(resp, &providerData{configErrors: d})
			return
		}
		pd.ICR = icr
	}
	tflog.Debug(ctx, "Configured the Isometric provider", map[string]any{
		"environment": s.environment,
		"endpoint":    s.baseURL,
		"icr_enabled": s.icrEnabled,
	})
	p.handOut(resp, pd)
}

// handOut gives pd to the resources, data sources and list resources.
func (p *isometricProvider) handOut(resp *provider.ConfigureResponse, pd *providerData) {
	resp.DataSourceData, resp.ResourceData, resp.ListResourceData = pd, pd, pd
	p.handedOut.Store(pd)
}

// unknownAttributes lists the configured attributes whose values are not known yet.
func (m providerModel) unknownAttributes() []string {
	var out []string
	add := func(name string, v types.String) {
		if v.IsUnknown() {
			out = append(out, name)
		}
	}
	add("environment", m.Environment)
	add("endpoint", m.Endpoint)
	add("client_secret", m.ClientSecret)
	add("access_token", m.AccessToken)
	if m.ICR != nil {
		add("icr.endpoint", m.ICR.Endpoint)
		add("icr.access_token", m.ICR.AccessToken)
	}
	return out
}

// Resources implements provider.Provider (the list lives in resources.go).
func (p *isometricProvider) Resources(_ context.Context) []func() resource.Resource {
	return resources()
}

// DataSources implements provider.Provider (the list lives in data_sources.go).
func (p *isometricProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return dataSources()
}

// ListResources implements provider.ProviderWithListResources (the list lives in list_resources.go).
func (p *isometricProvider) ListResources(_ context.Context) []func() list.ListResource {
	return listResources()
}

// Functions implements provider.ProviderWithFunctions (the list lives in functions.go).
func (p *isometricProvider) Functions(_ context.Context) []func() function.Function {
	return functions()
}

// settings are the resolved provider settings (attribute, else environment variable, else default).
type settings struct {
	environment        string
	environmentFrom    string // where the environment came from, for error messages
	endpoint           string // the endpoint override as given ("" = none)
	endpointFrom       string
	endpointOverridden bool
	baseURL            string // the URL in use
	clientSecret       string
	accessToken        string

	icrEnabled     bool
	icrEndpoint    string
	icrEndpointSet string // where the ICR endpoint came from ("" = default)
	icrAccessToken string
}

// setting is one resolved value and where it came from ("" when unset).
type setting struct{ value, from string }

// resolve picks the configured attribute when it is set and not blank, else the environment variable.
func resolve(v types.String, attr, env string, getenv func(string) string) setting {
	if s := strings.TrimSpace(v.ValueString()); s != "" {
		return setting{s, "the " + attr + " attribute"}
	}
	if s := strings.TrimSpace(getenv(env)); s != "" {
		return setting{s, "the " + env + " environment variable"}
	}
	return setting{}
}

// resolveSettings resolves the configuration against the environment. It does not validate; see check.
func resolveSettings(cfg providerModel, getenv func(string) string) settings {
	env := resolve(cfg.Environment, "environment", envEnvironment, getenv)
	endpoint := resolve(cfg.Endpoint, "endpoint", envEndpoint, getenv)
	s := settings{
		environment:     strings.ToLower(env.value),
		environmentFrom: env.from,
		endpoint:        endpoint.value,
		endpointFrom:    endpoint.from,
		clientSecret:    resolve(cfg.ClientSecret, "client_secret", envClientSecret, getenv).value,
		accessToken:     resolve(cfg.AccessToken, "access_token", envAccessToken, getenv).value,
	}
	if s.environment == "" {
		s.environment = client.EnvironmentSandbox
	}

	icr := icrModel{Endpoint: types.StringNull(), AccessToken: types.StringNull()}
	if cfg.ICR != nil {
		icr = *cfg.ICR
	}
	icrEndpoint := resolve(icr.Endpoint, "icr.endpoint", envICREndpoint, getenv)
	s.icrAccessToken = resolve(icr.AccessToken, "icr.access_token", envICRAccessToken, getenv).value
	s.icrEnabled = cfg.ICR != nil || icrEndpoint.value != "" || s.icrAccessToken != ""
	s.icrEndpoint, s.icrEndpointSet = icrEndpoint.value, icrEndpoint.from
	if s.icrEndpoint == "" {
		s.icrEndpoint = client.ICRDefaultURL
	}
	return s
}

// check validates the settings, adding one error per problem, and fills baseURL. It reports
// whether the settings are usable.
func (s *settings) check(diags *diag.Diagnostics) bool {
	ok := true
	fail := func(attr path.Path, summary, detail string) {
		addAttributeError(diags, attr, summary, detail)
		ok = false
	}

	if err := checkEnvironment(s.environment); err != nil {
		fail(path.Root("environment"), fmt.Sprintf("Invalid environment %q", s.environment),
			fmt.Sprintf("The value comes from %s. %s.", s.environmentFrom, err))
	}
	if s.endpoint != "" {
		if err := checkEndpoint(s.endpoint); err != nil {
			fail(path.Root("endpoint"), fmt.Sprintf("Invalid endpoint %q", s.endpoint),
				fmt.Sprintf("The value comes from %s. %s.", s.endpointFrom, err))
		}
		s.baseURL, s.endpointOverridden = strings.TrimRight(s.endpoint, "/"), true
	} else if u, err := client.BaseURLForEnvironment(s.environment); err == nil {
		s.baseURL = u
	}
	if s.clientSecret == "" {
		fail(path.Root("client_secret"), "Missing Isometric client secret",
			"The provider needs the client secret of your Isometric API client (sent as X-Client-Secret). "+
				"Set the client_secret attribute in the provider \"isometric\" block or the "+envClientSecret+" environment variable.")
	}
	if s.accessToken == "" {
		fail(path.Root("access_token"), "Missing Isometric access token",
			"The provider needs an access token that acts as your organisation (sent as Authorization: Bearer). "+
				"Set the access_token attribute in the provider \"isometric\" block or the "+envAccessToken+" environment variable.")
	}
	if s.icrEnabled {
		if s.icrEndpointSet != "" {
			if err := checkICREndpoint(s.icrEndpoint); err != nil {
				fail(path.Root("icr").AtName("endpoint"), fmt.Sprintf("Invalid ICR endpoint %q", s.icrEndpoint),
					fmt.Sprintf("The value comes from %s. %s.", s.icrEndpointSet, err))
			}
		}
		if s.icrAccessToken == "" {
			fail(path.Root("icr").AtName("access_token"), "Missing ICR access token",
				"ICR access is enabled (by the icr block or an "+envICREndpoint+" environment variable) but has no access token. "+
					"Set access_token in the provider's icr block or the "+envICRAccessToken+" environment variable, "+
					"or remove the icr block to work without the ICR data sources.")
		}
	}
	return ok
}

// secrets are the values that must never appear in logs.
func (s *settings) secrets() []string {
	return nonEmpty(s.clientSecret, s.accessToken, s.icrAccessToken)
}

func nonEmpty(values ...string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// maskSecrets masks every secret in the messages and field values of logs written with ctx.
func maskSecrets(ctx context.Context, secrets []string) context.Context {
	if len(secrets) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	return tflog.MaskMessageStrings(ctx, secrets...)
}

// requestLogger returns the client's Logger: one tflog.Debug line per HTTP attempt. The client calls
// it with the context of the API call (a resource's or data source's), not Configure's, so the
// secrets are masked here, on that context.
func requestLogger(secrets []string) func(ctx context.Context, e client.RequestLog) {
	return func(ctx context.Context, e client.RequestLog) {
		fields := map[string]any{
			"method":      e.Method,
			"path":        e.Path,
			"query":       e.Query,
			"status":      e.Status,
			"duration_ms": e.Duration.Milliseconds(),
			"attempt":     e.Attempt,
		}
		if e.Err != nil {
			fields["error"] = e.Err.Error()
		}
		tflog.Debug(maskSecrets(ctx, secrets), "Isometric API request", fields)
	}
}
