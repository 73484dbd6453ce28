package provider

// The provider's protocol 6 server: the framework's, except for the configuration Terraform
// generates from a state (terraform plan -generate-config-out, terraform query
// -generate-config-out; Terraform 1.14 and later ask the provider for it with the
// GenerateResourceConfig call, which the server announces). The framework writes back every
// argument of the state; a resource
// implementing resourceWithGeneratedConfig keeps only the arguments its record can be planned again
// from (a retirement: one of its two modes), so that the generated configuration passes the
// resource's own validation and the plan after the import is empty.

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// resourceWithGeneratedConfig is a resource whose generated configuration needs more than the
// framework's default (every argument of the state).
type resourceWithGeneratedConfig interface {
	resource.Resource
	// GeneratedConfig shapes cfg, the configuration generated from a state (a value of the
	// resource's schema, held as a state so that attributes can be set).
	GeneratedConfig(ctx context.Context, cfg *tfsdk.State, diags *diag.Diagnostics)
}

// ProtocolV6Server returns the constructor of the provider's protocol 6 server (for
// tf6server.Serve and the acceptance tests' provider factories).
func ProtocolV6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		fw := providerserver.NewProtocol6(New(version)())()
		withLists, ok := fw.(frameworkServer)
		if !ok {
			panic(fmt.Sprintf("the framework's protocol 6 server %T does not serve list resources", fw))
		}
		return &server{frameworkServer: withLists}
	}
}

// frameworkServer is what the framework's server serves: a provider and its list resources
// (terraform query), which tf6server finds by a type assertion.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
}

// server is the framework's server with GenerateResourceConfig shaped by the resources.
type server struct {
	frameworkServer

	once   sync.Once
	shapes map[string]generatedConfigShape // by resource type name
}

// generatedConfigShape is what the server needs of a resourceWithGeneratedConfig.
type generatedConfigShape struct {
	res    resourceWithGeneratedConfig
	schema resource.SchemaResponse
}

// shape returns the resource of typeName when it shapes its generated configuration.
func (s *server) shape(ctx context.Context, typeName string) (generatedConfigShape, bool) {
	s.once.Do(func() {
		s.shapes = map[string]generatedConfigShape{}
		for _, newResource := range resources() {
			r, ok := newResource().(resourceWithGeneratedConfig)
			if !ok {
				continue
			}
			var meta resource.MetadataResponse
			r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
			var sch resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sch)
			s.shapes[meta.TypeName] = generatedConfigShape{res: r, schema: sch}
		}
	})
	sh, ok := s.shapes[typeName]
	return sh, ok
}

// GetMetadata announces the GenerateResourceConfig call, which the framework serves but does not
// announce (terraform-plugin-framework v1.19.0): without it Terraform writes every argument of the
// state.
func (s *server) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp, err := s.frameworkServer.GetMetadata(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

// GetProviderSchema announces the GenerateResourceConfig call (see GetMetadata).
func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.frameworkServer.GetProviderSchema(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

func withGenerateResourceConfig(c *tfprotov6.ServerCapabilities) *tfprotov6.ServerCapabilities {
	if c == nil {
		c = &tfprotov6.ServerCapabilities{}
	}
	c.GenerateResourceConfig = true
	return c
}

// GenerateResourceConfig implements tfprotov6.ResourceServer: the framework's configuration, then
// the resource's shape of it.
func (s *server) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	resp, err := s.frameworkServer.GenerateResourceConfig(ctx, req)
	if err != nil || resp == nil || resp.Config == nil || hasProtocolError(resp.Diagnostics) {
		return resp, err
	}
	sh, ok := s.shape(ctx, req.TypeName)
	if !ok || sh.schema.Diagnostics.HasError() {
		return resp, nil
	}
	typ := sh.schema.Schema.Type().TerraformType(ctx)
	raw, err := resp.Config.Unmarshal(typ)
	if err != nil {
		return protocolError(resp, "Cannot read the generated configuration", err), nil
	}
	if raw.IsNull() {
		return resp, nil // no state to generate from (a list result without its resource)
	}
	cfg := tfsdk.State{Schema: sh.schema.Schema, Raw: raw}
	var diags diag.Diagnostics
	sh.res.GeneratedConfig(ctx, &cfg, &diags)
	for _, d := range diags {
		resp.Diagnostics = append(resp.Diagnostics, protocolDiagnostic(d))
	}
	if diags.HasError() {
		return resp, nil
	}
	dv, err := tfprotov6.NewDynamicValue(typ, cfg.Raw)
	if err != nil {
		return protocolError(resp, "Cannot write the generated configuration", err), nil
	}
	resp.Config = &dv
	return resp, nil
}

func hasProtocolError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d != nil && d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func protocolDiagnostic(d diag.Diagnostic) *tfprotov6.Diagnostic {
	sev := tfprotov6.DiagnosticSeverityWarning
	if d.Severity() == diag.SeverityError {
		sev = tfprotov6.DiagnosticSeverityError
	}
	return &tfprotov6.Diagnostic{Severity: sev, Summary: d.Summary(), Detail: d.Detail()}
}

func protocolError(resp *tfprotov6.GenerateResourceConfigResponse, summary string, err error) *tfprotov6.GenerateResourceConfigResponse {
	resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary,
		Detail: fmt.Sprintf("%v. This is a bug in the provider; please report it.", err)})
	return resp
}
