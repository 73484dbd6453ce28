package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/zclconf/go-cty/cty"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestAccListResources_adoptWithGeneratedConfig is the adoption of a registry history as the guide
// describes it, with its query file: records made outside Terraform (two retirements, one by batch
// and one oldest first, a transfer, a delivery, an individual beneficiary) and the demo world's are
// listed by `terraform query -generate-config-out`; the configuration it writes holds one
// retirement mode per retirement, and `terraform plan` then imports every listed record and plans
// nothing else, also once a block is rewritten in the oldest-first mode. After the apply every
// resource has its identity and the next plan is empty. The registry never receives a POST.
func TestAccListResources_adoptWithGeneratedConfig(t *testing.T) {
	skipUnlessAcceptance(t)
	reg := newTestRegistry(t, nil)
	made := madeOutsideTerraform(t, reg)
	buyer := localregistry.DemoBuyerOrgID

	// What the registry holds for the buyer, by list.
	var want []string
	for _, r := range reg.Registry.AllRetirements() {
		if r.Owner.ID == buyer {
			want = append(want, r.ID)
		}
	}
	for _, x := range reg.Registry.AllTransfers() {
		if x.FromOrganisation.ID == buyer {
			want = append(want, x.ID)
		}
	}
	for _, d := range reg.Registry.AllDeliveries() {
		if d.ToOrganisation.ID == buyer {
			want = append(want, d.ID)
		}
	}
	for _, b := range reg.Registry.AllBeneficiaries(buyer) {
		want = append(want, b.ID)
	}
	for _, id := range []string{made.byBatch.ID, made.oldestFirst.ID, made.transfer.ID, made.delivery.ID, made.individual.ID} {
		if !slices.Contains(want, id) {
			t.Fatalf("the registry does not list %s for the buyer", id)
		}
	}

	query := exampleFile(t, "guides/adopt-registry-history/adopt.tfquery.hcl", exampleOrganisation, buyer)
	w := newCLIWorkspace(t, tfversion.Version1_14_0, "terraform query -generate-config-out",
		reg.ProviderConfig(localregistry.DemoBuyerToken), map[string]string{"adopt.tfquery.hcl": query})

	w.query()
	generated := generatedBlocks(t, w.generated())
	var imported []string
	for _, b := range generated {
		imported = append(imported, b.identityID)
		if b.typ != "isometric_retirement" {
			continue
		}
		// One retirement mode, the batches the registry recorded.
		if !b.attrs["credit_batch_quantities"] || b.attrs["credit_quantity_kg"] || b.attrs["vintage"] || b.attrs["order_id"] {
			t.Errorf("generated %s (%s) does not hold exactly the by-batch mode: %v", b.name, b.identityID, b.attrs)
		}
	}
	if !sameIDs(imported, want) {
		t.Fatalf("adopt.tf imports %v, want every listed record %v", imported, want)
	}

	if err := onlyImports(w.plan(), want); err != nil {
		t.Fatalf("plan after terraform query -generate-config-out: %v\n%s", err, w.generated())
	}
	// The by-batch retirement described oldest first instead: the same record.
	w.setGenerated(rewriteBlock(t, w.generated(), "isometric_retirement", made.byBatch.ID, func(b *hclwrite.Body) {
		b.RemoveAttribute("credit_batch_quantities")
		b.SetAttributeValue("credit_quantity_kg", cty.NumberIntVal(made.byBatch.CreditBatchSizeTotal.CreditKgs))
	}))
	if err := onlyImports(w.plan(), want); err != nil {
		t.Fatalf("plan with a retirement rewritten oldest first: %v\n%s", err, w.generated())
	}
	w.apply()
	var inState []string
	for _, r := range w.state().Values.RootModule.Resources {
		if r.IdentityValues["id"] != r.AttributeValues["id"] {
			t.Errorf("%s: identity %v, id %v", r.Address, r.IdentityValues, r.AttributeValues["id"])
		}
		inState = append(inState, fmt.Sprint(r.AttributeValues["id"]))
	}
	if !sameIDs(inState, want) {
		t.Errorf("state holds %v, want %v", inState, want)
	}
	if err := onlyImports(w.plan(), nil); err != nil {
		t.Errorf("plan after the adoption: %v", err)
	}
	reg.assertPOSTs(t, "", 0)
}

// generatedBlock is a resource block of generated configuration and the identity its import
// block gives it.
type generatedBlock struct {
	typ, name, identityID string
	attrs                 map[string]bool // the attributes written
}

// generatedBlocks parses generated configuration: its resource blocks, each with the ID of the
// identity of its import block.
func generatedBlocks(t *testing.T, src string) []generatedBlock {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "adopt.tf", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatalf("generated configuration does not parse: %v\n%s", diags, src)
	}
	body := as[*hclsyntax.Body](t, f.Body, "the generated configuration")
	byAddr := map[string]*generatedBlock{}
	var out []*generatedBlock
	for _, b := range body.Blocks {
		switch b.Type {
		case "resource":
			g := &generatedBlock{typ: b.Labels[0], name: b.Labels[1], attrs: map[string]bool{}}
			for name := range b.Body.Attributes {
				g.attrs[name] = true
			}
			byAddr[g.typ+"."+g.name] = g
			out = append(out, g)
		case "import":
			to := string(b.Body.Attributes["to"].Expr.Range().SliceBytes([]byte(src)))
			v, d := b.Body.Attributes["identity"].Expr.Value(nil)
			if d.HasErrors() || !v.Type().IsObjectType() || !v.Type().HasAttribute("id") {
				t.Fatalf("import block for %s without an identity id: %v", to, d)
			}
			g := byAddr[to]
			if g == nil {
				t.Fatalf("import block for %s before or without its resource block", to)
			}
			g.identityID = v.GetAttr("id").AsString()
		}
	}
	blocks := make([]generatedBlock, 0, len(out))
	for _, g := range out {
		if g.identityID == "" {
			t.Fatalf("resource block %s.%s has no import block", g.typ, g.name)
		}
		blocks = append(blocks, *g)
	}
	return blocks
}

// rewriteBlock edits, in configuration src, the resource block of type typ whose import block
// names the identity id.
func rewriteBlock(t *testing.T, src, typ, id string, edit func(*hclwrite.Body)) string {
	t.Helper()
	var addr string
	for _, b := range generatedBlocks(t, src) {
		if b.typ == typ && b.identityID == id {
			addr = b.name
		}
	}
	f, diags := hclwrite.ParseConfig([]byte(src), "adopt.tf", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() || addr == "" {
		t.Fatalf("no block of %s %s to rewrite: %v", typ, id, diags)
	}
	for _, b := range f.Body().Blocks() {
		if b.Type() == "resource" && slices.Equal(b.Labels(), []string{typ, addr}) {
			edit(b.Body())
		}
	}
	return string(f.Bytes())
}

// onlyImports checks a plan: it imports exactly the records ids (none: nil) and changes nothing.
func onlyImports(p *tfjson.Plan, ids []string) error {
	var imported []string
	for _, rc := range p.ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			return fmt.Errorf("%s: planned %v, want no change", rc.Address, rc.Change.Actions)
		}
		if rc.Change.Importing != nil {
			after, _ := rc.Change.After.(map[string]any)
			imported = append(imported, fmt.Sprint(after["id"]))
		}
	}
	if !sameIDs(imported, ids) {
		return fmt.Errorf("imports %v, want %v", imported, ids)
	}
	return nil
}

// sameIDs compares two lists of IDs as sets with repeats.
func sameIDs(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}

// TestListResourceStream walks the pages of a list (fake pages of 50) with the machinery: every
// record in the registry's order, pages no larger than the limit still wants, an error pushed as
// the last result, a cursor that does not advance refused, and nothing more read once Terraform
// stops asking.
func TestListResourceStream(t *testing.T) {
	ctx := context.Background()
	records := make([]client.Retirement, 120)
	for i := range records {
		records[i] = client.Retirement{ID: fmt.Sprintf("ret_1LIST%011d", i)}
	}
	var sizes []int
	var failAt int
	repeatCursor := false
	fetch := func(_ context.Context, o client.ListOptions) (*client.Page[client.Retirement], error) {
		sizes = append(sizes, o.First)
		start := 0
		if o.After != "" {
			_, _ = fmt.Sscanf(o.After, "c%d", &start)
		}
		if failAt > 0 && start >= failAt {
			return nil, errors.New("connection reset")
		}
		end := min(start+o.First, len(records))
		cursor := fmt.Sprintf("c%d", end)
		if repeatCursor {
			cursor = "c0x"
		}
		return &client.Page[client.Retirement]{Nodes: records[start:end],
			PageInfo: client.PageInfo{HasNextPage: end < len(records), EndCursor: &cursor}}, nil
	}
	l := as[*specListResource[client.Retirement]](t, newRetirementListResource(), "the retirement list resource")
	l.pd = &providerData{Endpoint: "http://127.0.0.1:1/registry/v0", endpointOverridden: true}
	var sch resource.SchemaResponse
	newRetirementResource().Schema(ctx, resource.SchemaRequest{}, &sch)
	var idResp resource.IdentitySchemaResponse
	as[resource.ResourceWithIdentity](t, newRetirementResource(), "the retirement resource").IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &idResp)
	run := func(limit int64, stopAfter int) (ids []string, errs []string) {
		sizes = nil
		req := list.ListRequest{Limit: limit, ResourceSchema: sch.Schema, ResourceIdentitySchema: idResp.IdentitySchema}
		l.stream(ctx, req, fetch, func(r list.ListResult) bool {
			if r.Diagnostics.HasError() {
				errs = append(errs, r.Diagnostics.Errors()[0].Summary()+": "+r.Diagnostics.Errors()[0].Detail())
				return true
			}
			var id string
			if d := r.Identity.GetAttribute(ctx, path.Root("id"), &id); d.HasError() {
				t.Fatalf("identity: %v", d)
			}
			ids = append(ids, id)
			return stopAfter == 0 || len(ids) < stopAfter
		})
		return ids, errs
	}
	idsOf := func(rs []client.Retirement) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = r.ID
		}
		return out
	}

	if ids, errs := run(0, 0); !slices.Equal(ids, idsOf(records)) || errs != nil || !slices.Equal(sizes, []int{50, 50, 50}) {
		t.Errorf("no limit: %d results %v, page sizes %v", len(ids), errs, sizes)
	}
	if ids, _ := run(55, 0); !slices.Equal(ids, idsOf(records[:55])) || !slices.Equal(sizes, []int{50, 5}) {
		t.Errorf("limit 55: %d results, page sizes %v, want 55 in pages of 50 and 5", len(ids), sizes)
	}
	if ids, _ := run(100, 0); len(ids) != 100 || !slices.Equal(sizes, []int{50, 50}) {
		t.Errorf("limit 100: %d results, page sizes %v", len(ids), sizes)
	}
	if ids, _ := run(0, 3); len(ids) != 3 || !slices.Equal(sizes, []int{50}) {
		t.Errorf("Terraform stops after 3: %d results, page sizes %v, want one page read", len(ids), sizes)
	}
	failAt = 100
	if ids, errs := run(0, 0); len(ids) != 100 || len(errs) != 1 || !strings.HasPrefix(errs[0], "Cannot list the retirement records: ") ||
		!strings.Contains(errs[0], "connection reset") {
		t.Errorf("error on the third page: %d results, errors %q", len(ids), errs)
	}
	failAt, repeatCursor = 0, true
	if ids, errs := run(0, 0); len(ids) != 100 || len(errs) != 1 || !strings.Contains(errs[0], "end_cursor is missing or repeated") {
		t.Errorf("repeated cursor: %d results, errors %q", len(ids), errs)
	}
}

// TestListResourcesMatchResources: every list resource lists a resource of the provider, whose
// identity it fills, and describes itself and every filter.
func TestListResourcesMatchResources(t *testing.T) {
	ctx := context.Background()
	types := map[string]bool{}
	for _, newResource := range resources() {
		var meta resource.MetadataResponse
		newResource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
		types[meta.TypeName] = true
	}
	if len(listResources()) != len(types) {
		t.Errorf("%d list resources for %d resources", len(listResources()), len(types))
	}
	for _, newList := range listResources() {
		l := newList()
		var meta resource.MetadataResponse
		l.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
		if !types[meta.TypeName] {
			t.Errorf("list resource %s lists no resource of the provider", meta.TypeName)
		}
		var sch list.ListResourceSchemaResponse
		l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &sch)
		if sch.Diagnostics.HasError() || !strings.Contains(sch.Schema.MarkdownDescription, "include_resource = true") {
			t.Errorf("%s: schema %v, description %q", meta.TypeName, sch.Diagnostics, sch.Schema.MarkdownDescription)
		}
		for name, a := range sch.Schema.Attributes {
			if a.GetMarkdownDescription() == "" || !a.IsOptional() {
				t.Errorf("%s: filter %s is not optional or has no description", meta.TypeName, name)
			}
		}
	}
}
