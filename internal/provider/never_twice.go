package provider

// Never twice. A transaction is permanent, so the plan refuses a create that would carry out
// again an operation that already happened:
//
//   - a rename: the create has the arguments of a transaction that the same plan removes from the
//     state (its block was renamed without a moved block, or deleted and written again). The error
//     shows the moved block to write.
//   - a repeat: the registry recorded, within recentWindow, a transaction of the same kind that
//     does what the create would do (same owner, supplier, quantity, purposes, notes,
//     beneficiary or recipient, and the named batches or their parts), and this walk did not make
//     it: for example an earlier apply whose answer was lost, or an operation made in the
//     dashboard. The error names the record and the import block to adopt it.
//
// allow_repeat = true on the create declares a deliberate identical operation and skips both.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
)

// allowRepeatAttr is the argument that declares a deliberate repeat.
const allowRepeatAttr = "allow_repeat"

// allowRepeatAttribute is the schema of allow_repeat for a transaction of the given noun.
func allowRepeatAttribute(noun string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: fmt.Sprintf("Set to `true` to declare that this %s deliberately repeats one with the same arguments. "+
			"Without it the plan refuses a %s that the same plan removes from the state under another name (write a `moved` block "+
			"instead) or that the registry recorded in the last %d days without this configuration (import it instead). "+
			"It only matters when the %s is created; changing it later changes nothing.", noun, noun, int(recentWindow.Hours()/24), noun),
		Optional: true,
	}
}

// allowsRepeat reports whether the configuration sets allow_repeat = true.
func allowsRepeat(ctx context.Context, config tfsdk.Config) bool {
	var v types.Bool
	config.GetAttribute(ctx, path.Root(allowRepeatAttr), &v)
	return v.ValueBool()
}

// plannedRecord is a create or a forget (destroy) of this plan, by its fingerprint.
type plannedRecord struct {
	// ID is the forgotten record's ID ("" for a create); At when the registry recorded it (zero
	// when the state does not say).
	ID string
	At time.Time
	FP ledger.Fingerprint
}

// argumentNames are the arguments of a schema: its Required or Optional attributes, allow_repeat
// aside (it says how to create, not what).
func argumentNames[A interface {
	IsRequired() bool
	IsOptional() bool
}](attrs map[string]A) map[string]bool {
	out := map[string]bool{}
	for name, a := range attrs {
		if (a.IsRequired() || a.IsOptional()) && name != allowRepeatAttr {
			out[name] = true
		}
	}
	return out
}

// argumentValues are the values of the named arguments of a plan or state object.
func argumentValues(names map[string]bool, obj tftypes.Value) map[string]tftypes.Value {
	var all map[string]tftypes.Value
	if err := obj.As(&all); err != nil {
		return nil
	}
	out := make(map[string]tftypes.Value, len(names))
	for name := range names {
		out[name] = all[name]
	}
	return out
}

// rename is a pair of this plan: a create and a forgotten record with the same fingerprint
// (Same), or one that only values unknown at plan time keep apart (Undecided, with their names).
type rename struct {
	ID      string
	At      time.Time
	Verdict ledger.Verdict
	Unknown []string
}

// renameOf records r in the ledger and returns the pairs it forms with the records of the other
// kind (create vs forget): a Same pair first, else the Undecided ones.
func (l *planLedger) renameOf(r plannedRecord) []rename {
	l.mu.Lock()
	defer l.mu.Unlock()
	var same, undecided []rename
	for _, o := range l.planned {
		if o.FP.Kind != r.FP.Kind || (o.ID == "") == (r.ID == "") {
			continue
		}
		create, forgotten := r, o
		if r.ID != "" {
			create, forgotten = o, r
		}
		switch v, unknown := ledger.Match(create.FP, forgotten.FP); v {
		case ledger.Same:
			same = append(same, rename{ID: forgotten.ID, At: forgotten.At, Verdict: v})
		case ledger.Undecided:
			undecided = append(undecided, rename{ID: forgotten.ID, At: forgotten.At, Verdict: v, Unknown: unknown})
		}
	}
	l.planned = append(l.planned, r)
	if len(same) > 0 {
		return same[:1]
	}
	return undecided
}

// addRenameError explains that a create equals a transaction the same plan forgets.
func (s *transactionSpec) addRenameError(diags *diag.Diagnostics, id string) {
	diags.AddError(fmt.Sprintf("This plan would carry out %s %s a second time", s.Noun, id),
		fmt.Sprintf("The plan removes %s %s from the state and creates another %s with the same arguments: a renamed or "+
			"rewritten resource block. Applying would %s again, and the registry keeps %s either way.\n\n"+
			"If you renamed the block, tell Terraform instead (nothing is sent to the registry):\n"+
			"  moved {\n    from = %s.OLD_NAME\n    to   = %s.NEW_NAME\n  }\n\n"+
			"If you really mean a second, identical %s, set %s = true on the new resource.",
			s.Noun, id, s.TypeName, s.createVerb(), id, s.TypeName, s.TypeName, s.Noun, allowRepeatAttr))
}

// createVerb says what creating one more record does, for messages.
func (s *transactionSpec) createVerb() string {
	if s.Verb == "" {
		return "create the " + s.Noun
	}
	return s.Verb + " the credits"
}

// checkRename records a create (after its defaults are resolved in resp.Plan) or a forget, and
// refuses the pair when a create is the same operation as a forgotten record (ledger.Match). When
// only values unknown at plan time keep them apart, the plan goes on with a warning: at apply the
// create is compared, right before its request, with the registry's recent records (among them
// the forgotten one); a forgotten record too old for that comparison is refused now instead. A
// create with allow_repeat = true is not compared.
func (s *transactionSpec) checkRename(ctx context.Context, pd *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if pd == nil || pd.View == nil {
		return
	}
	r := plannedRecord{}
	names := argumentNames(req.Config.Schema.GetAttributes())
	var err error
	switch {
	case req.Plan.Raw.IsNull() && !req.State.Raw.IsNull():
		r.ID = stateID(ctx, req.State)
		r.FP, err = argumentFingerprint(ctx, pd, s.TypeName, names, req.State.Raw, tftypes.NewValue(req.State.Raw.Type(), nil))
		r.At = stateRecordedAt(ctx, req.State)
	case req.State.Raw.IsNull() && !req.Plan.Raw.IsNull():
		if allowsRepeat(ctx, req.Config) {
			return
		}
		r.FP, err = argumentFingerprint(ctx, pd, s.TypeName, names, resp.Plan.Raw, req.Config.Raw)
	default:
		return
	}
	if err != nil {
		if !resp.Diagnostics.HasError() { // else the other errors say what to fix first
			pd.addClientError(&resp.Diagnostics, fmt.Sprintf("Cannot compare the %s with the records this plan forgets", s.Noun), err)
		}
		return
	}
	for _, o := range pd.View.ledger.renameOf(r) {
		id := r.ID
		if id == "" {
			id = o.ID
		}
		if o.Verdict == ledger.Same {
			s.addRenameError(&resp.Diagnostics, id)
			return
		}
		s.addUndecidedRename(&resp.Diagnostics, id, o.Unknown, o.At, pd.View)
	}
}

// recordedAtAttributes are the attributes that say when the registry recorded a transaction.
var recordedAtAttributes = []string{"retired_at", "transferred_at", "delivered_at"}

// stateRecordedAt is when the registry recorded a transaction held in state (zero when unknown).
func stateRecordedAt(ctx context.Context, st tfsdk.State) time.Time {
	for _, name := range recordedAtAttributes {
		var at *string
		if d := st.GetAttribute(ctx, path.Root(name), &at); d.HasError() || at == nil {
			continue
		}
		if t, err := time.Parse(time.RFC3339Nano, *at); err == nil {
			return t
		}
	}
	return time.Time{}
}

// undecidedRenameMargin is how long a plan may wait for its apply and still count on the apply's
// comparison with the registry's recent records (recentWindow) to see a forgotten record.
const undecidedRenameMargin = 24 * time.Hour

// addUndecidedRename: a create matches a forgotten record in every value known at plan time. When
// the apply, right before the request, will compare the create with that record (it is among the
// registry's recent records, with a day to spare), the plan goes on with a warning; otherwise the
// match cannot be decided before the request, and the plan is refused.
func (s *transactionSpec) addUndecidedRename(diags *diag.Diagnostics, id string, unknown []string, at time.Time, v *registryView) {
	values := strings.Join(unknown, ", ")
	if !at.IsZero() && at.After(v.now().Add(-recentWindow+undecidedRenameMargin)) {
		diags.AddWarning(fmt.Sprintf("This %s may repeat %s %s", s.Noun, s.Noun, id),
			fmt.Sprintf("The plan removes %s %s from the state and creates another %s that matches it in every value known now; "+
				"%s will be known only at apply. Right before sending the request, the apply compares the new %s with the registry's "+
				"%ss of the last %d days, %s among them, and sends nothing if it is the same operation.\n\n"+
				"If you renamed the block, tell Terraform instead (nothing is sent to the registry):\n"+
				"  moved {\n    from = %s.OLD_NAME\n    to   = %s.NEW_NAME\n  }",
				s.Noun, id, s.TypeName, values, s.Noun, s.Noun, int(recentWindow.Hours()/24), id, s.TypeName, s.TypeName))
		return
	}
	diags.AddError(fmt.Sprintf("This plan may carry out %s %s a second time", s.Noun, id),
		fmt.Sprintf("The plan removes %s %s from the state and creates another %s that matches it in every value known now; "+
			"%s will be known only at apply. %s %s was recorded too long ago for the apply to compare the new %s with it before "+
			"the request, so the plan cannot promise that it is a different operation. Choose one:\n"+
			"  - if you renamed the block, write a moved block (nothing is sent to the registry):\n"+
			"      moved {\n        from = %s.OLD_NAME\n        to   = %s.NEW_NAME\n      }\n"+
			"  - give %s values known at plan time (apply what they come from first: terraform apply -target=ADDRESS);\n"+
			"  - if you really mean a second %s, set %s = true on the new resource.",
			s.Noun, id, s.TypeName, values, capitalize(s.Noun), id, s.Noun, s.TypeName, s.TypeName, values, s.Noun, allowRepeatAttr))
}

// repeatMatch describes a recent registry record that does what a create would do.
type repeatMatch struct {
	ID, At string
}

// addRepeatError refuses a create that repeats a recent record.
func (s *transactionSpec) addRepeatError(diags *diag.Diagnostics, m repeatMatch, same string) {
	diags.AddError(fmt.Sprintf("%s %s already does this", capitalize(s.Noun), m.ID),
		fmt.Sprintf("The registry recorded %s %s at %s with %s as this one, and this run did not make it. It may be the one "+
			"this configuration meant to make (an earlier apply whose answer was lost, or an operation made outside Terraform). "+
			"Applying would %s again.\n\n"+
			"If it is this one, import it instead of creating it again (nothing is sent to the registry):\n"+
			"  import {\n    to = %s.NAME\n    id = %q\n  }\n\n"+
			"If you really mean a second, identical %s, set %s = true on this resource. (A new %s is compared with the "+
			"registry's %ss of the last %d days.)",
			s.Noun, m.ID, m.At, same, s.createVerb(), s.TypeName, m.ID, s.Noun, allowRepeatAttr, s.Noun, s.Noun,
			int(recentWindow.Hours()/24)))
}

// ago renders how long ago a timestamp was, for messages.
func ago(v *registryView, at string) string {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return at
	}
	return fmt.Sprintf("%s (%s ago)", at, v.now().Sub(t).Round(time.Minute))
}

// createFingerprint is the fingerprint of the create ModifyPlan or Create is about to make: the
// plan (defaults resolved) with the configuration.
func (s *transactionSpec) createFingerprint(ctx context.Context, pd *providerData, config tfsdk.Config, plan tftypes.Value) (ledger.Fingerprint, error) {
	return argumentFingerprint(ctx, pd, s.TypeName, argumentNames(config.Schema.GetAttributes()), plan, config.Raw)
}

// findRepeat returns the first record of recent, not made by this walk, that is the same
// operation as create (ledger.Match): fingerprint gives a record's fingerprint, of its fields only
// when batches is nil, so that a record whose fields differ is passed over before its credit
// batches are read (once, through the view). kind is the API collection ("retirements"), list its
// credit batch endpoint. nil when there is none.
func findRepeat[T any](ctx context.Context, v *registryView, recent []T, idAt func(T) (string, string), kind string,
	list func(context.Context, string) (*client.List[client.CreditBatch], error), create ledger.Fingerprint,
	fingerprint func(T, []client.CreditBatch) (ledger.Fingerprint, error)) (*repeatMatch, error) {
	for _, rec := range recent {
		id, at := idAt(rec)
		if v.createdHere(id) {
			continue
		}
		fields, err := fingerprint(rec, nil)
		if err != nil {
			return nil, err
		}
		if verdict, _ := ledger.Match(create, fields); verdict == ledger.Different {
			continue
		}
		batches, err := v.recordBatches(ctx, kind, id, list)
		if err != nil {
			return nil, fmt.Errorf("reading the credit batches of %s: %w", id, err)
		}
		fp, err := fingerprint(rec, batches)
		if err != nil {
			return nil, fmt.Errorf("comparing the credit batches of %s: %w", id, err)
		}
		if verdict, _ := ledger.Match(create, fp); verdict == ledger.Same {
			return &repeatMatch{ID: id, At: ago(v, at)}, nil
		}
	}
	return nil, nil
}

// checkRepeat is the repeat check of a create (never_twice.go): recent are the records that may
// repeat it (read through the view, listErr its error), each with its ID and time (idAt) and its
// fingerprint; one that is not this walk's and is the same operation is refused. same says what
// matched, for the message.
func checkRepeat[T any](ctx context.Context, spec *transactionSpec, pd *providerData, create ledger.Fingerprint, recent []T, listErr error,
	idAt func(T) (string, string), kind string, list func(context.Context, string) (*client.List[client.CreditBatch], error),
	fingerprint func(T, []client.CreditBatch) (ledger.Fingerprint, error), same string, diags *diag.Diagnostics) {
	if listErr != nil {
		pd.addClientError(diags, fmt.Sprintf("Cannot compare the %s with the recent ones (GET /%s)", spec.Noun, kind), listErr)
		return
	}
	match, err := findRepeat(ctx, pd.View, recent, idAt, kind, list, create, fingerprint)
	switch {
	case err != nil:
		pd.addClientError(diags, fmt.Sprintf("Cannot compare the %s with the recent ones", spec.Noun), err)
	case match != nil:
		spec.addRepeatError(diags, *match, same)
	}
}
