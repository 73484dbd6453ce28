package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = (*kgToTonnesFunction)(nil)

// kgToTonnesFunction is provider::isometric::kg_to_tonnes.
type kgToTonnesFunction struct{}

func newKgToTonnesFunction() function.Function { return &kgToTonnesFunction{} }

func (f *kgToTonnesFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "kg_to_tonnes"
}

func (f *kgToTonnesFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Converts integer kilograms to an exact decimal string of tonnes (credits)",
		MarkdownDescription: "Converts an integer number of kilograms (as the registry reports quantities, for example " +
			"`credit_batch_size_total.kg`) to tonnes (credits, 1 credit = 1 tonne = 1000 kg) as an exact decimal " +
			"**string**, computed on the digits without floating-point arithmetic.\n\n" +
			"The result is the shortest exact form: no trailing zeros and no decimal point for whole tonnes " +
			"(`12500` → `\"12.5\"`, `12000` → `\"12\"`, `1` → `\"0.001\"`, `0` → `\"0\"`), so " +
			"`tonnes_to_kg(kg_to_tonnes(x)) == x`. Negative numbers and numbers with a fractional part are rejected " +
			"with an error naming the value.",
		Parameters: []function.Parameter{
			function.NumberParameter{
				Name:                "kg",
				MarkdownDescription: "Quantity in kilograms: a non-negative whole number.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *kgToTonnesFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var kg *big.Float
	resp.Error = req.Arguments.Get(ctx, &kg)
	if resp.Error != nil {
		return
	}
	n, err := wholeKg(kg)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "kg_to_tonnes: "+err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, tonnesString(n))
}
