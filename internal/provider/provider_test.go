package provider

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	fwschema "github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// Test values; they only ever reach test servers.
const (
	testSecret   = "unit-test-client-secret"
	testToken    = "unit-test-access-token"
	testICRToken = "unit-test-icr-token"
)

// Exact texts of the configuration errors (summary, detail).
const (
	missingSecretSummary = "Missing Isometric client secret"
	missingSecretDetail  = "The provider needs the client secret of your Isometric API client (sent as X-Client-Secret). " +
		"Set the client_secret attribute in the provider \"isometric\" block or the ISOMETRIC_CLIENT_SECRET environment variable."
	missingTokenSummary = "Missing Isometric access token"
	missingTokenDetail  = "The provider needs an access token that acts as your organisation (sent as Authorization: Bearer). " +
		"Set the access_token attribute in the provider \"isometric\" block or the ISOMETRIC_ACCESS_TOKEN environment variable."
	badEnvironmentFix = `environment must be "sandbox" or "production"; to use another registry, such as the local one, set endpoint (or ISOMETRIC_ENDPOINT) instead.`
	badEndpointFix    = "endpoint must be an absolute http or https URL without query or fragment, for example " +
		"https://api.sandbox.isometric.com/registry/v0 or http://127.0.0.1:8765/registry/v0."
	missingICRTokenDetail = "ICR access is enabled (by the icr block or an ISOMETRIC_ICR_ENDPOINT environment variable) but has no access token. " +
		"Set access_token in the provider's icr block or the ISOMETRIC_ICR_ACCESS_TOKEN environment variable, " +
		"or remove the icr block to work without the ICR data sources."
)

func testProviderSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	return resp.Schema
}

func str(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }

func unknownString() tftypes.Value { return tftypes.NewValue(tftypes.String, tftypes.UnknownValue) }

// providerConfigValue builds a provider configuration: attrs (attribute name -> value, "icr" ->
// icrBlock) over an otherwise null configuration.
func providerConfigValue(t *testing.T, attrs map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	s := testProviderSchema(t)
	typ := as[tftypes.Object](t, s.Type().TerraformType(context.Background()), "the provider configuration type")
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range attrs {
		if _, ok := typ.AttributeTypes[name]; !ok {
			t.Fatalf("no provider attribute %q", name)
		}
		vals[name] = v
	}
	return tfsdk.Config{Schema: s, Raw: tftypes.NewValue(typ, vals)}
}

// icrBlock is an icr block value; nil arguments are left null.
func icrBlock(t *testing.T, endpoint, token *tftypes.Value) tftypes.Value {
	t.Helper()
	cfg := as[tftypes.Object](t, testProviderSchema(t).Type().TerraformType(context.Background()), "the provider configuration type")
	typ := as[tftypes.Object](t, cfg.AttributeTypes["icr"], "the icr block type")
	vals := map[string]tftypes.Value{"endpoint": tftypes.NewValue(tftypes.String, nil), "access_token": tftypes.NewValue(tftypes.String, nil)}
	if endpoint != nil {
		vals["endpoint"] = *endpoint
	}
	if token != nil {
		vals["access_token"] = *token
	}
	return tftypes.NewValue(typ, vals)
}

func tfValuePtr(v tftypes.Value) *tftypes.Value { return &v }

type configureCase struct {
	attrs           map[string]tftypes.Value
	env             map[string]string
	deferralAllowed bool
}

// configure runs the provider's Configure with the given configuration and environment (the real
// process environment is never read).
func configure(t *testing.T, c configureCase) *provider.ConfigureResponse {
	t.Helper()
	p := &isometricProvider{version: "test", getenv: func(k string) string { return c.env[k] }}
	req := provider.ConfigureRequest{
		Config:             providerConfigValue(t, c.attrs),
		TerraformVersion:   "1.11.4",
		ClientCapabilities: provider.ConfigureProviderClientCapabilities{DeferralAllowed: c.deferralAllowed},
	}
	resp := &provider.ConfigureResponse{}
	p.Configure(context.Background(), req, resp)
	return resp
}

// configured runs configure and expects success.
func configured(t *testing.T, c configureCase) *providerData {
	t.Helper()
	resp := configure(t, c)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure failed: %v", resp.Diagnostics)
	}
	pd, ok := resp.ResourceData.(*providerData)
	if !ok || pd == nil || pd.Client == nil {
		t.Fatalf("Configure did not hand out a client: %#v", resp.ResourceData)
	}
	if resp.DataSourceData != resp.ResourceData {
		t.Fatalf("data sources and resources got different provider data")
	}
	return pd
}

// settingErrors expects Configure to succeed (its errors wait until the registry is needed) and
// returns the errors of the settings that the provider data holds.
func settingErrors(t *testing.T, resp *provider.ConfigureResponse) diag.Diagnostics {
	t.Helper()
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure reported errors itself: %v", resp.Diagnostics)
	}
	pd, ok := resp.ResourceData.(*providerData)
	if !ok || pd == nil {
		t.Fatalf("Configure handed out no provider data: %#v", resp.ResourceData)
	}
	if pd.Client != nil {
		t.Fatal("Configure handed out a client despite errors in the settings")
	}
	return pd.configErrors
}

type wantDiag struct {
	path            path.Path
	summary, detail string
}

// assertErrors checks that diags holds exactly the wanted errors, in order.
func assertErrors(t *testing.T, diags diag.Diagnostics, want ...wantDiag) {
	t.Helper()
	errs := diags.Errors()
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(want), diags)
	}
	for i, w := range want {
		got := errs[i]
		if got.Summary() != w.summary || got.Detail() != w.detail {
			t.Errorf("error %d:\n got  %q / %q\n want %q / %q", i, got.Summary(), got.Detail(), w.summary, w.detail)
		}
		withPath, ok := got.(diag.DiagnosticWithPath)
		if !ok || !withPath.Path().Equal(w.path) {
			t.Errorf("error %d (%s): not on attribute %s", i, got.Summary(), w.path)
		}
	}
}

func TestProviderSchema(t *testing.T) {
	s := testProviderSchema(t)
	if diags := s.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatalf("schema implementation: %v", diags)
	}
	if s.MarkdownDescription == "" {
		t.Error("provider schema has no MarkdownDescription")
	}
	for name, a := range s.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s has no MarkdownDescription", name)
		}
	}
	icr := as[schema.SingleNestedBlock](t, s.Blocks["icr"], "the icr block")
	if icr.MarkdownDescription == "" {
		t.Error("block icr has no MarkdownDescription")
	}
	for name, a := range icr.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute icr.%s has no MarkdownDescription", name)
		}
	}
	for _, name := range []string{"client_secret", "access_token"} {
		if !s.Attributes[name].IsSensitive() {
			t.Errorf("%s is not sensitive", name)
		}
	}
	if !icr.Attributes["access_token"].IsSensitive() {
		t.Error("icr.access_token is not sensitive")
	}
}

// TestProviderSchemaValidators runs the configuration validators of environment and endpoint.
func TestProviderSchemaValidators(t *testing.T) {
	s := testProviderSchema(t)
	validate := func(attr string, value string) diag.Diagnostics {
		var resp fwschema.StringResponse
		for _, v := range as[schema.StringAttribute](t, s.Attributes[attr], attr).Validators {
			v.ValidateString(context.Background(), fwschema.StringRequest{Path: path.Root(attr), ConfigValue: types.StringValue(value)}, &resp)
		}
		return resp.Diagnostics
	}
	for _, ok := range []string{"sandbox", "production", "Production"} {
		if d := validate("environment", ok); d.HasError() {
			t.Errorf("environment %q rejected: %v", ok, d)
		}
	}
	assertErrors(t, validate("environment", "staging"),
		wantDiag{path.Root("environment"), `Invalid environment "staging"`, badEnvironmentFix})
	for _, ok := range []string{"http://127.0.0.1:8765/registry/v0", "https://api.isometric.com/registry/v0"} {
		if d := validate("endpoint", ok); d.HasError() {
			t.Errorf("endpoint %q rejected: %v", ok, d)
		}
	}
	for _, bad := range []string{"127.0.0.1:8765", "/registry/v0", "ftp://example.com", "https://", "http://h/x?a=1"} {
		assertErrors(t, validate("endpoint", bad), wantDiag{path.Root("endpoint"), `Invalid endpoint "` + bad + `"`, badEndpointFix})
	}
}

func TestProviderConfigure_missingCredentials(t *testing.T) {
	t.Run("both", func(t *testing.T) {
		resp := configure(t, configureCase{})
		assertErrors(t, settingErrors(t, resp),
			wantDiag{path.Root("client_secret"), missingSecretSummary, missingSecretDetail},
			wantDiag{path.Root("access_token"), missingTokenSummary, missingTokenDetail})
		if pd := as[*providerData](t, resp.ResourceData, "the provider data"); pd.Client != nil || resp.DataSourceData != resp.ResourceData || resp.ListResourceData != resp.ResourceData {
			t.Error("provider data with a client handed out despite errors, or not the same to all")
		}
	})
	t.Run("client secret", func(t *testing.T) {
		resp := configure(t, configureCase{env: map[string]string{envAccessToken: testToken}})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("client_secret"), missingSecretSummary, missingSecretDetail})
	})
	t.Run("access token", func(t *testing.T) {
		resp := configure(t, configureCase{attrs: map[string]tftypes.Value{"client_secret": str(testSecret)}})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("access_token"), missingTokenSummary, missingTokenDetail})
	})
	t.Run("blank values count as missing", func(t *testing.T) {
		resp := configure(t, configureCase{
			attrs: map[string]tftypes.Value{"client_secret": str(" "), "access_token": str("")},
			env:   map[string]string{envClientSecret: "  "},
		})
		assertErrors(t, settingErrors(t, resp),
			wantDiag{path.Root("client_secret"), missingSecretSummary, missingSecretDetail},
			wantDiag{path.Root("access_token"), missingTokenSummary, missingTokenDetail})
	})
}

// TestProviderConfigure_errorsWhereTheRegistryIsNeeded: the settings' errors are reported by the
// first resource, data source or list resource that needs the registry, without attribute paths
// (they concern the provider block), then once more in short by every later one; a configured
// provider is ready without a word.
func TestProviderConfigure_errorsWhereTheRegistryIsNeeded(t *testing.T) {
	pd := as[*providerData](t, configure(t, configureCase{}).ResourceData, "the provider data")
	var first, later diag.Diagnostics
	if pd.ready(&first) || pd.ready(&later) {
		t.Fatal("a provider without credentials is ready")
	}
	if len(first) != 2 || first[0].Summary() != missingSecretSummary || first[0].Detail() != missingSecretDetail ||
		first[1].Summary() != missingTokenSummary || first[1].Detail() != missingTokenDetail {
		t.Errorf("first report: %v", first)
	}
	for _, d := range first {
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			t.Errorf("%s: on attribute %s of the resource that needs the registry, want no path", d.Summary(), withPath.Path())
		}
	}
	assertNoPathErrors(t, later, "Isometric provider settings incomplete",
		"This needs the Isometric Registry, but the provider \"isometric\" settings have errors (Missing Isometric client secret; "+
			"Missing Isometric access token), reported with their fixes by the first resource or data source of this run that needed the registry.")

	var none diag.Diagnostics
	ok := configured(t, configureCase{env: map[string]string{envClientSecret: testSecret, envAccessToken: testToken}}).ready(&none)
	if !ok || len(none) != 0 {
		t.Errorf("configured provider: ready %v, %v", ok, none)
	}
}

// TestAccProvider_functionsWithoutCredentials: the provider functions need no registry: with a
// provider block without credentials (OpenTofu configures the provider before calling a function,
// Terraform does not) they give their results and nothing fails.
func TestAccProvider_functionsWithoutCredentials(t *testing.T) {
	unitTest(t, functionTestCase(tfresource.TestStep{
		Config: `
provider "isometric" {}

output "kg"     { value = provider::isometric::tonnes_to_kg("12.5") }
output "tonnes" { value = provider::isometric::kg_to_tonnes(2500) }
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("kg", knownvalue.Int64Exact(12500)),
			statecheck.ExpectKnownOutputValue("tonnes", knownvalue.StringExact("2.5")),
		},
	}))
}

// TestAccProvider_missingCredentialsWhereNeeded: without credentials, a data source and a
// resource fail with the errors of the settings and what to set, before any request; the
// functions of the same configuration are not the cause.
func TestAccProvider_missingCredentialsWhereNeeded(t *testing.T) {
	reg := newTestRegistry(t, nil)
	provider := fmt.Sprintf("provider \"isometric\" {\n  endpoint = %q\n}\n", reg.APIEndpoint)
	settings := errorText(missingSecretSummary, "Set the client_secret attribute", missingTokenSummary, "Set the access_token attribute")
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config:      provider + "data \"isometric_organisation\" \"me\" {}\n",
				ExpectError: settings,
			},
			{
				Config: provider + fmt.Sprintf(`
output "kg" { value = provider::isometric::tonnes_to_kg("1.5") }

resource "isometric_retirement" "test" {
%s}
`, byBatchBody(localregistry.DemoSupplierAID, localregistry.DemoBatchA1Buyer1, 1500, "")),
				ExpectError: settings,
			},
		},
	})
	if n := len(reg.Registry.Requests()); n != 0 {
		t.Errorf("the registry received %d requests without credentials, want none:\n%s", n, reg.requestSummary())
	}
}

// merged is the union of maps, a key of a later map replacing that of an earlier one.
func merged[K comparable, V any](maps ...map[K]V) map[K]V {
	out := map[K]V{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func TestProviderConfigure_invalidSettings(t *testing.T) {
	creds := map[string]string{envClientSecret: testSecret, envAccessToken: testToken}
	t.Run("environment from the variable", func(t *testing.T) {
		resp := configure(t, configureCase{env: merged(creds, map[string]string{envEnvironment: "staging"})})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("environment"), `Invalid environment "staging"`,
			"The value comes from the ISOMETRIC_ENVIRONMENT environment variable. " + badEnvironmentFix})
	})
	t.Run("environment from the attribute", func(t *testing.T) {
		resp := configure(t, configureCase{attrs: map[string]tftypes.Value{"environment": str("prod")}, env: creds})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("environment"), `Invalid environment "prod"`,
			"The value comes from the environment attribute. " + badEnvironmentFix})
	})
	t.Run("endpoint from the variable", func(t *testing.T) {
		resp := configure(t, configureCase{env: merged(creds, map[string]string{envEndpoint: "localhost:8080"})})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("endpoint"), `Invalid endpoint "localhost:8080"`,
			"The value comes from the ISOMETRIC_ENDPOINT environment variable. " + badEndpointFix})
	})
	t.Run("every problem at once, one error each", func(t *testing.T) {
		resp := configure(t, configureCase{attrs: map[string]tftypes.Value{"environment": str("dev"), "endpoint": str("nope")}})
		assertErrors(t, settingErrors(t, resp),
			wantDiag{path.Root("environment"), `Invalid environment "dev"`, "The value comes from the environment attribute. " + badEnvironmentFix},
			wantDiag{path.Root("endpoint"), `Invalid endpoint "nope"`, "The value comes from the endpoint attribute. " + badEndpointFix},
			wantDiag{path.Root("client_secret"), missingSecretSummary, missingSecretDetail},
			wantDiag{path.Root("access_token"), missingTokenSummary, missingTokenDetail})
	})
	t.Run("icr block without a token", func(t *testing.T) {
		resp := configure(t, configureCase{attrs: map[string]tftypes.Value{"icr": icrBlock(t, nil, nil)}, env: creds})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("icr").AtName("access_token"), "Missing ICR access token", missingICRTokenDetail})
	})
	t.Run("icr endpoint variable without a token", func(t *testing.T) {
		resp := configure(t, configureCase{env: merged(creds, map[string]string{envICREndpoint: "http://127.0.0.1:1/icr"})})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("icr").AtName("access_token"), "Missing ICR access token", missingICRTokenDetail})
	})
	t.Run("icr endpoint", func(t *testing.T) {
		resp := configure(t, configureCase{
			attrs: map[string]tftypes.Value{"icr": icrBlock(t, tfValuePtr(str("carbonregistry.com")), tfValuePtr(str(testICRToken)))},
			env:   creds,
		})
		assertErrors(t, settingErrors(t, resp), wantDiag{path.Root("icr").AtName("endpoint"), `Invalid ICR endpoint "carbonregistry.com"`,
			"The value comes from the icr.endpoint attribute. icr.endpoint must be an absolute http or https URL without query or fragment, " +
				"for example https://api.carbonregistry.com or http://127.0.0.1:8765/icr."})
	})
}

func TestProviderConfigure_environmentAndEndpoint(t *testing.T) {
	creds := map[string]tftypes.Value{"client_secret": str(testSecret), "access_token": str(testToken)}
	cases := []struct {
		name            string
		attrs           map[string]tftypes.Value
		env             map[string]string
		wantEnvironment string
		wantEndpoint    string
		wantWhere       string
	}{
		{"default is sandbox", creds, nil, "sandbox", client.SandboxURL,
			"the sandbox environment (" + client.SandboxURL + ")"},
		{"production attribute", merged(creds, map[string]tftypes.Value{"environment": str("production")}), nil, "production", client.ProductionURL,
			"the production environment (" + client.ProductionURL + ")"},
		{"environment variable", creds, map[string]string{envEnvironment: "Production"}, "production", client.ProductionURL,
			"the production environment (" + client.ProductionURL + ")"},
		{"attribute wins over variable", merged(creds, map[string]tftypes.Value{"environment": str("sandbox")}), map[string]string{envEnvironment: "production"},
			"sandbox", client.SandboxURL, "the sandbox environment (" + client.SandboxURL + ")"},
		{"endpoint overrides the environment URL", merged(creds, map[string]tftypes.Value{"endpoint": str("http://127.0.0.1:9/registry/v0/")}), nil,
			"sandbox", "http://127.0.0.1:9/registry/v0", "the registry at endpoint http://127.0.0.1:9/registry/v0 (endpoint / ISOMETRIC_ENDPOINT)"},
		{"endpoint variable", creds, map[string]string{envEndpoint: "http://127.0.0.1:8/registry/v0"},
			"sandbox", "http://127.0.0.1:8/registry/v0", "the registry at endpoint http://127.0.0.1:8/registry/v0 (endpoint / ISOMETRIC_ENDPOINT)"},
		{"endpoint attribute wins over variable", merged(creds, map[string]tftypes.Value{"endpoint": str("https://a.example/registry/v0")}),
			map[string]string{envEndpoint: "https://b.example/registry/v0"},
			"sandbox", "https://a.example/registry/v0", "the registry at endpoint https://a.example/registry/v0 (endpoint / ISOMETRIC_ENDPOINT)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pd := configured(t, configureCase{attrs: tc.attrs, env: tc.env})
			if pd.Environment != tc.wantEnvironment || pd.Endpoint != tc.wantEndpoint || pd.Client.BaseURL() != tc.wantEndpoint {
				t.Errorf("got environment %q, endpoint %q, client URL %q; want %q, %q", pd.Environment, pd.Endpoint, pd.Client.BaseURL(),
					tc.wantEnvironment, tc.wantEndpoint)
			}
			if got := pd.where(); got != tc.wantWhere {
				t.Errorf("where() = %q, want %q", got, tc.wantWhere)
			}
			if pd.ICR != nil {
				t.Error("ICR client built without an icr block or ICR variables")
			}
		})
	}
}

// credentialServer is a registry stand-in that records the credentials and User-Agent it receives.
type credentialServer struct {
	mu                         sync.Mutex
	secret, auth, ua, lastPath string
}

func newCredentialServer(t *testing.T) (*credentialServer, string) {
	cs := &credentialServer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cs.mu.Lock()
		cs.secret, cs.auth, cs.ua, cs.lastPath = r.Header.Get("X-Client-Secret"), r.Header.Get("Authorization"), r.UserAgent(), r.URL.Path
		cs.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"org_1UNITTESTORG000001","name":"Unit","domain":null}`))
	}))
	t.Cleanup(srv.Close)
	return cs, srv.URL
}

// TestProviderConfigure_credentialsReachTheAPI checks env fallbacks and config-over-env precedence for
// the credentials by what the API receives, and the User-Agent.
func TestProviderConfigure_credentialsReachTheAPI(t *testing.T) {
	cases := []struct {
		name                  string
		attrs                 map[string]tftypes.Value
		env                   map[string]string
		wantSecret, wantToken string
	}{
		{"from the variables", nil,
			map[string]string{envClientSecret: "env-secret", envAccessToken: "env-token"}, "env-secret", "env-token"},
		{"attributes win", map[string]tftypes.Value{"client_secret": str("cfg-secret"), "access_token": str("cfg-token")},
			map[string]string{envClientSecret: "env-secret", envAccessToken: "env-token"}, "cfg-secret", "cfg-token"},
		{"mixed", map[string]tftypes.Value{"access_token": str("cfg-token")},
			map[string]string{envClientSecret: "env-secret", envAccessToken: "env-token"}, "env-secret", "cfg-token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs, url := newCredentialServer(t)
			attrs := map[string]tftypes.Value{"endpoint": str(url + "/registry/v0")}
			for k, v := range tc.attrs {
				attrs[k] = v
			}
			pd := configured(t, configureCase{attrs: attrs, env: tc.env})
			org, err := pd.Client.CurrentOrganisation(context.Background())
			if err != nil {
				t.Fatalf("CurrentOrganisation: %v", err)
			}
			if org.ID != "org_1UNITTESTORG000001" {
				t.Errorf("organisation %q", org.ID)
			}
			cs.mu.Lock()
			defer cs.mu.Unlock()
			if cs.secret != tc.wantSecret || cs.auth != "Bearer "+tc.wantToken {
				t.Errorf("API got X-Client-Secret %q, Authorization %q; want %q, %q", cs.secret, cs.auth, tc.wantSecret, "Bearer "+tc.wantToken)
			}
			if want := "terraform-provider-isometric/test (terraform 1.11.4)"; cs.ua != want {
				t.Errorf("User-Agent %q, want %q", cs.ua, want)
			}
			if cs.lastPath != "/registry/v0/organisation" {
				t.Errorf("path %q", cs.lastPath)
			}
		})
	}
}

func TestProviderConfigure_icr(t *testing.T) {
	creds := map[string]string{envClientSecret: testSecret, envAccessToken: testToken}
	t.Run("block", func(t *testing.T) {
		pd := configured(t, configureCase{
			attrs: map[string]tftypes.Value{"icr": icrBlock(t, tfValuePtr(str("http://127.0.0.1:7/icr")), tfValuePtr(str(testICRToken)))},
			env:   creds,
		})
		if pd.ICR == nil || pd.ICR.BaseURL() != "http://127.0.0.1:7/icr" {
			t.Fatalf("ICR client %#v", pd.ICR)
		}
	})
	t.Run("default endpoint", func(t *testing.T) {
		pd := configured(t, configureCase{attrs: map[string]tftypes.Value{"icr": icrBlock(t, nil, tfValuePtr(str(testICRToken)))}, env: creds})
		if pd.ICR == nil || pd.ICR.BaseURL() != client.ICRDefaultURL {
			t.Fatalf("ICR client %#v", pd.ICR)
		}
	})
	t.Run("variables alone enable it", func(t *testing.T) {
		pd := configured(t, configureCase{env: merged(creds, map[string]string{envICRAccessToken: testICRToken, envICREndpoint: "http://127.0.0.1:6/icr"})})
		if pd.ICR == nil || pd.ICR.BaseURL() != "http://127.0.0.1:6/icr" {
			t.Fatalf("ICR client %#v", pd.ICR)
		}
	})
	t.Run("block attributes win over variables", func(t *testing.T) {
		pd := configured(t, configureCase{
			attrs: map[string]tftypes.Value{"icr": icrBlock(t, tfValuePtr(str("http://127.0.0.1:5/icr")), nil)},
			env:   merged(creds, map[string]string{envICRAccessToken: testICRToken, envICREndpoint: "http://127.0.0.1:6/icr"}),
		})
		if pd.ICR == nil || pd.ICR.BaseURL() != "http://127.0.0.1:5/icr" {
			t.Fatalf("ICR client %#v", pd.ICR)
		}
	})
	t.Run("absent", func(t *testing.T) {
		pd := configured(t, configureCase{env: creds})
		var diags diag.Diagnostics
		if pd.icrClient(&diags) != nil || len(diags.Errors()) != 1 || diags.Errors()[0].Summary() != "ICR access is not configured" {
			t.Fatalf("icrClient without ICR: %v", diags)
		}
	})
}

func TestProviderConfigure_unknownValues(t *testing.T) {
	attrs := map[string]tftypes.Value{
		"client_secret": str(testSecret),
		"access_token":  unknownString(),
		"icr":           icrBlock(t, nil, tfValuePtr(unknownString())),
	}
	t.Run("deferred when Terraform allows it", func(t *testing.T) {
		resp := configure(t, configureCase{attrs: attrs, deferralAllowed: true})
		if resp.Diagnostics.HasError() {
			t.Fatalf("errors: %v", resp.Diagnostics)
		}
		if resp.Deferred == nil || resp.Deferred.Reason != provider.DeferredReasonProviderConfigUnknown {
			t.Fatalf("not deferred: %#v", resp.Deferred)
		}
	})
	t.Run("otherwise reported where the client is needed", func(t *testing.T) {
		resp := configure(t, configureCase{attrs: attrs})
		if resp.Diagnostics.HasError() || resp.Deferred != nil {
			t.Fatalf("Configure: %v, deferred %#v", resp.Diagnostics, resp.Deferred)
		}
		var diags diag.Diagnostics
		if pd := providerDataFrom(resp.DataSourceData, &diags); pd != nil {
			t.Fatal("providerDataFrom handed out a provider without a client")
		}
		assertNoPathErrors(t, diags, "Isometric provider configuration not known yet",
			"The provider attributes access_token, icr.access_token depend on values that are only known after apply, so the provider "+
				"cannot reach the registry while planning. Set them from values known at plan time (variables, environment variables), "+
				"apply the resources they depend on first (terraform apply -target=...), or plan with deferred actions enabled (-allow-deferral).")
	})
}

func assertNoPathErrors(t *testing.T, diags diag.Diagnostics, summary, detail string) {
	t.Helper()
	errs := diags.Errors()
	if len(errs) != 1 || errs[0].Summary() != summary || errs[0].Detail() != detail {
		t.Fatalf("got %v\nwant one error %q / %q", diags, summary, detail)
	}
}

func TestProviderDataFrom(t *testing.T) {
	var diags diag.Diagnostics
	if pd := providerDataFrom(nil, &diags); pd != nil || diags.HasError() {
		t.Fatalf("nil provider data: %v %v", pd, diags)
	}
	if pd := providerDataFrom("wrong", &diags); pd != nil {
		t.Fatal("wrong type accepted")
	}
	assertNoPathErrors(t, diags, "Unexpected provider data", "Expected *providerData, got string. This is a bug in the provider; please report it.")
}

// logLines decodes the JSON log lines written through a tflogtest root logger.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	lines, err := tflogtest.MultilineJSONDecode(buf)
	if err != nil {
		t.Fatalf("decoding logs: %v", err)
	}
	return lines
}

// TestRequestLogger checks the log line of one API attempt and that secrets are masked on the
// context the client logs with (not only on Configure's).
func TestRequestLogger(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	requestLogger([]string{testSecret, testToken})(ctx, client.RequestLog{
		Method: "GET", Path: "/registry/v0/organisation", Query: "first=50&after=" + testToken, Status: 401, Duration: 1500 * time.Millisecond,
		Attempt: 2, Err: errors.New("rejected " + testToken + " with secret " + testSecret),
	})
	if strings.Contains(buf.String(), testToken) || strings.Contains(buf.String(), testSecret) {
		t.Fatalf("a secret reached the log: %s", buf.String())
	}
	lines := logLines(t, &buf)
	if len(lines) != 1 {
		t.Fatalf("want one log line, got %d: %v", len(lines), lines)
	}
	l := lines[0]
	want := map[string]any{
		"@level": "debug", "@message": "Isometric API request", "method": "GET", "path": "/registry/v0/organisation",
		"query": "first=50&after=***", "status": float64(401), "duration_ms": float64(1500), "attempt": float64(2), "error": "rejected *** with secret ***",
	}
	for k, v := range want {
		if l[k] != v {
			t.Errorf("log field %s = %#v, want %#v", k, l[k], v)
		}
	}
}

// TestProviderLogsOneLinePerAPICall configures the provider against the local registry and checks the
// debug line the client writes for a real call.
func TestProviderLogsOneLinePerAPICall(t *testing.T) {
	reg := newTestRegistry(t, nil)
	pd := configured(t, configureCase{attrs: map[string]tftypes.Value{
		"endpoint":      str(reg.APIEndpoint),
		"client_secret": str(localregistry.DemoClientSecret),
		"access_token":  str(localregistry.DemoBuyerToken),
	}})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	org, err := pd.Client.CurrentOrganisation(ctx)
	if err != nil {
		t.Fatalf("CurrentOrganisation: %v", err)
	}
	if org.ID != localregistry.DemoBuyerOrgID {
		t.Fatalf("acting as %s, want %s", org.ID, localregistry.DemoBuyerOrgID)
	}
	out := buf.String()
	if strings.Contains(out, localregistry.DemoClientSecret) || strings.Contains(out, localregistry.DemoBuyerToken) {
		t.Fatalf("a secret reached the log: %s", out)
	}
	lines := logLines(t, &buf)
	if len(lines) != 1 {
		t.Fatalf("want one log line per API call, got %d: %v", len(lines), lines)
	}
	l := lines[0]
	if l["method"] != "GET" || l["path"] != "/registry/v0/organisation" || l["status"] != float64(200) || l["attempt"] != float64(1) {
		t.Errorf("log line %v", l)
	}
	if _, ok := l["duration_ms"].(float64); !ok {
		t.Errorf("no duration_ms in %v", l)
	}
	if _, ok := l["error"]; ok {
		t.Errorf("error field on a successful call: %v", l)
	}
}

func TestCheckIsometricID(t *testing.T) {
	for _, ok := range []string{localregistry.DemoBuyerOrgID, "org_1GB56M1ST1S0GVNA", "org_" + strings.Repeat("A", 33)} {
		if err := checkIsometricID("organisation", "org_", ok); err != nil {
			t.Errorf("%q rejected: %v", ok, err)
		}
	}
	for _, id := range []string{"org_1", localregistry.DemoBatchA1Buyer1, "org_" + strings.Repeat("A", 34), "org_1GB56M1ST1S0GVNA/../credit_bat", "org_1GB56M1ST1 0GVNA"} {
		want := fmt.Sprintf(`an organisation ID starts with "org_" and is 20 to 37 characters long without spaces (this one has %d), `+
			`for example org_1GB56M1ST1S0GVNA; copy the ID from the registry or from another resource's id attribute`, len(id))
		if err := checkIsometricID("organisation", "org_", id); err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %q", id, err, want)
		}
	}
	var resp fwschema.StringResponse
	isometricIDValidator("credit batch", "ctb_").ValidateString(context.Background(),
		fwschema.StringRequest{Path: path.Root("batch_id"), ConfigValue: types.StringValue("org_1GB56M1ST1S0GVNA")}, &resp)
	assertErrors(t, resp.Diagnostics, wantDiag{path.Root("batch_id"), `Invalid credit batch ID "org_1GB56M1ST1S0GVNA"`,
		`batch_id: a credit batch ID starts with "ctb_" and is 20 to 37 characters long without spaces (this one has 20), ` +
			`for example ctb_1GB56M1ST1S0GVNA; copy the ID from the registry or from another resource's id attribute.`})
}

func TestAddClientError(t *testing.T) {
	apiErr := func(status int) *client.APIError {
		return &client.APIError{StatusCode: status, Method: "GET", Path: "/registry/v0/organisations/org_1NOSUCHORGANISATN", Message: "nope"}
	}
	sandbox := &providerData{Environment: "sandbox", Endpoint: client.SandboxURL}
	local := &providerData{Environment: "sandbox", Endpoint: "http://127.0.0.1:9/registry/v0", endpointOverridden: true}
	validation := &client.APIError{StatusCode: 422, Method: "POST", Path: "/registry/v0/retirements", Detail: []client.ValidationError{
		{Loc: []any{"body", "credit_batch_quantities", float64(0), "credit_quantity_kg"}, Msg: "Input should be greater than 0"},
		{Loc: []any{"body", "purpose"}, Msg: "Field required"},
	}}
	outcome := &client.OutcomeUnknownError{Method: "POST", Path: "/registry/v0/retirements", Err: errors.New("connection reset")}
	unreachable := &client.RequestError{Method: "GET", Path: "/registry/v0/organisation", Err: errors.New("dial tcp 127.0.0.1:9: connect: connection refused")}
	cases := []struct {
		name string
		pd   *providerData
		err  error
		want string
	}{
		{"not found, sandbox", sandbox, apiErr(404), apiErr(404).Error() +
			"\n\nThe provider is connected to the sandbox environment (" + client.SandboxURL + "); " +
			"to look in another environment set environment (ISOMETRIC_ENVIRONMENT) or endpoint (ISOMETRIC_ENDPOINT)."},
		{"not found, endpoint", local, fmt.Errorf("reading: %w", apiErr(404)), "reading: " + apiErr(404).Error() +
			"\n\nThe provider is connected to the registry at endpoint http://127.0.0.1:9/registry/v0 (endpoint / ISOMETRIC_ENDPOINT); " +
			"to look in another environment set environment (ISOMETRIC_ENVIRONMENT) or endpoint (ISOMETRIC_ENDPOINT)."},
		{"not found, no provider data", nil, apiErr(404), apiErr(404).Error() +
			"\n\nThe provider is connected to the configured registry (check environment / ISOMETRIC_ENVIRONMENT and endpoint / ISOMETRIC_ENDPOINT); " +
			"to look in another environment set environment (ISOMETRIC_ENVIRONMENT) or endpoint (ISOMETRIC_ENDPOINT)."},
		{"unauthorized", sandbox, apiErr(401), apiErr(401).Error() +
			"\n\nThe credentials were rejected by the sandbox environment (" + client.SandboxURL + "). " +
			"Check client_secret (or ISOMETRIC_CLIENT_SECRET) and access_token (or ISOMETRIC_ACCESS_TOKEN): both must belong to that environment."},
		{"forbidden", local, apiErr(403), apiErr(403).Error() +
			"\n\nThe provider is connected to the registry at endpoint http://127.0.0.1:9/registry/v0 (endpoint / ISOMETRIC_ENDPOINT); " +
			"the access token (access_token / ISOMETRIC_ACCESS_TOKEN) decides which organisation the provider acts as."},
		{"validation", sandbox, validation, "The registry rejected the request (POST /registry/v0/retirements, 422):\n" +
			"  credit_batch_quantities.0.credit_quantity_kg: Input should be greater than 0\n  purpose: Field required"},
		{"outcome unknown", sandbox, outcome, outcome.Error()},
		{"server error", sandbox, apiErr(503), apiErr(503).Error()},
		{"unreachable", local, unreachable, unreachable.Error() + "\n\nNo answer came from the registry at endpoint http://127.0.0.1:9/registry/v0 " +
			"(endpoint / ISOMETRIC_ENDPOINT). Check the URL in endpoint (or ISOMETRIC_ENDPOINT) and environment (or ISOMETRIC_ENVIRONMENT), " +
			"and that the registry is reachable from here (for the local registry: that it is running, on that address and port)."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			if tc.pd == nil {
				addClientError(&diags, "Cannot do it", tc.err)
			} else {
				tc.pd.addClientError(&diags, "Cannot do it", tc.err)
			}
			assertNoPathErrors(t, diags, "Cannot do it", tc.want)
		})
	}
	// The advice names the settings (above); the client's own text speaks only of the API.
	if strings.Contains(apiErr(401).Error(), "ISOMETRIC_") {
		t.Error("the client's 401 text names a Terraform environment variable")
	}
}
