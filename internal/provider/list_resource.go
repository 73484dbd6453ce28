package provider

// List resources: `list "isometric_retirement" "name" { ... }` in a .tfquery.hcl file, run by
// `terraform query` (Terraform 1.14 and later), lists the registry's records of a resource type so
// that they can be adopted: every result carries the identity that imports it and, with
// `include_resource = true`, the state an import records (from which
// `terraform query -generate-config-out` writes the configuration).
//
// A list resource is a declaration, listResourceSpec[T], handed to newListResource: the resource's
// spec, the filters (optional IDs of the registry's list endpoint), the client call that fetches one
// page, and the record's identity, display name and state. The machinery walks the pages lazily
// (up to the query's `limit`, at most client.MaxPageSize records per request and never more than
// the limit still wants, in the registry's order) and stops as soon as Terraform has what it asked
// for. A list resource file
// (list_resource_<name>.go) belongs with its resource file: it fills the state with the resource's
// own conversion of a record (as Read after an import does), so that a listed resource equals an
// imported one and the generated configuration plans no change.

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// listResourceSpec declares the list resource of a resource (newListResource).
type listResourceSpec[T any] struct {
	// Spec is the listed resource's spec (type name, noun).
	Spec *transactionSpec
	// Description is the list resource's MarkdownDescription; a sentence about pages, `limit` and
	// `include_resource` is appended.
	Description string
	// Filters are the arguments of the list block's `config` (optional, all of them strings: IDs,
	// see listIDFilter), by name.
	Filters map[string]listschema.Attribute
	// ConfigValidators are optional checks across filters.
	ConfigValidators []list.ConfigValidator
	// Pages returns the function that fetches one page for the filters (values by filter name, ""
	// when unset).
	Pages func(pd *providerData, filters map[string]string) pageFetcher[T]
	// Identity is the identity of a record, by identity attribute (see setIdentity).
	Identity func(T) map[string]string
	// DisplayName describes a record in one line for `terraform query`'s output.
	DisplayName func(T) string
	// State fills the resource's state of a record as Read after an import records it; state holds
	// the `id` and null everything else. It may read the registry (e.g. a record's batches).
	State func(ctx context.Context, pd *providerData, record T, state *tfsdk.Resource, diags *diag.Diagnostics)
}

// listIDFilter is an optional ID filter of a list resource (an ID with prefix, checked statically).
func listIDFilter(kind, prefix, desc string) listschema.StringAttribute {
	return listschema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc,
		Validators:          []validator.String{isometricIDValidator(kind, prefix)},
	}
}

// newListResource builds the list resource declared by spec.
func newListResource[T any](spec listResourceSpec[T]) list.ListResource {
	return &specListResource[T]{spec: spec}
}

var (
	_ list.ListResourceWithConfigure        = (*specListResource[client.Retirement])(nil)
	_ list.ListResourceWithConfigValidators = (*specListResource[client.Retirement])(nil)
)

// specListResource is a list resource built from a listResourceSpec.
type specListResource[T any] struct {
	spec listResourceSpec[T]
	pd   *providerData
}

func (l *specListResource[T]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = l.spec.Spec.TypeName
}

func (l *specListResource[T]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: strings.TrimSpace(l.spec.Description) + fmt.Sprintf(" The provider reads the list page by page "+
			"(at most %d records per request) until it has the query's `limit` (Terraform's default: 100), in the registry's order. "+
			"Every result carries the identity that imports it (`import { identity = { ... } }`); with `include_resource = true` it "+
			"also carries the state an import records, from which `terraform query -generate-config-out=FILE` writes a resource "+
			"block and an import block per record, configuration that plans nothing but the imports.", client.MaxPageSize),
		Attributes: l.spec.Filters,
	}
}

func (l *specListResource[T]) ListResourceConfigValidators(context.Context) []list.ConfigValidator {
	return l.spec.ConfigValidators
}

func (l *specListResource[T]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// List streams the records of the filters, page by page, up to req.Limit.
func (l *specListResource[T]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	if l.pd == nil {
		diags.AddError("Isometric provider not configured",
			"The list resource "+l.spec.Spec.TypeName+" was read before the provider was configured. This is a bug in the provider; please report it.")
	}
	filters := map[string]string{}
	if !diags.HasError() && l.pd.ready(&diags) {
		for name := range l.spec.Filters {
			var v types.String
			diags.Append(req.Config.GetAttribute(ctx, path.Root(name), &v)...)
			filters[name] = v.ValueString()
		}
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	fetch := l.spec.Pages(l.pd, filters)
	stream.Results = func(push func(list.ListResult) bool) {
		l.stream(ctx, req, fetch, push)
	}
}

// stream pushes one result per record until the list ends, req.Limit results were pushed, or
// Terraform wants no more; an error is pushed as the last result.
func (l *specListResource[T]) stream(ctx context.Context, req list.ListRequest, fetch pageFetcher[T], push func(list.ListResult) bool) {
	fail := func(summary string, err error) {
		var diags diag.Diagnostics
		l.pd.addClientError(&diags, summary, err)
		push(list.ListResult{Diagnostics: diags})
	}
	noun := l.spec.Spec.Noun
	var opts client.ListOptions
	seen := map[string]bool{}
	var pushed int64
	for {
		// A page of at most what is still wanted.
		opts.First = client.MaxPageSize
		if rest := req.Limit - pushed; req.Limit > 0 && rest < client.MaxPageSize {
			opts.First = int(rest)
		}
		if err := ctx.Err(); err != nil {
			fail(fmt.Sprintf("Cannot list the %s records", noun), err)
			return
		}
		page, err := fetch(ctx, opts)
		if err != nil {
			fail(fmt.Sprintf("Cannot list the %s records", noun), err)
			return
		}
		for _, rec := range page.Nodes {
			if req.Limit > 0 && pushed >= req.Limit {
				return
			}
			if !push(l.result(ctx, req, rec)) {
				return
			}
			pushed++
		}
		if !page.PageInfo.HasNextPage || (req.Limit > 0 && pushed >= req.Limit) {
			return
		}
		end := page.PageInfo.EndCursor
		if end == nil || *end == "" || seen[*end] {
			fail(fmt.Sprintf("Cannot list the %s records", noun),
				fmt.Errorf("%w: has_next_page is true but end_cursor is missing or repeated", client.ErrPaginationLoop))
			return
		}
		seen[*end] = true
		opts.After = *end
	}
}

// result is the list result of one record: identity, display name and, when asked, its state.
func (l *specListResource[T]) result(ctx context.Context, req list.ListRequest, rec T) list.ListResult {
	res := req.NewListResult(ctx)
	res.DisplayName = l.spec.DisplayName(rec)
	identity := l.spec.Identity(rec)
	setIdentity(ctx, res.Identity, identity, &res.Diagnostics)
	if req.IncludeResource && !res.Diagnostics.HasError() {
		res.Diagnostics.Append(res.Resource.SetAttribute(ctx, path.Root("id"), identity[identityIDAttr])...)
		if !res.Diagnostics.HasError() {
			l.spec.State(ctx, l.pd, rec, res.Resource, &res.Diagnostics)
		}
	}
	return res
}

// shortDate is the date of an RFC 3339 timestamp (the timestamp itself when it has no "T").
func shortDate(ts string) string {
	if d, _, ok := strings.Cut(ts, "T"); ok {
		return d
	}
	return ts
}
