package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = (*tonnesToKgFunction)(nil)

// tonnesToKgFunction is provider::isometric::tonnes_to_kg.
type tonnesToKgFunction struct{}

func newTonnesToKgFunction() function.Function { return &tonnesToKgFunction{} }

func (f *tonnesToKgFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "tonnes_to_kg"
}

func (f *tonnesToKgFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Converts tonnes (credits) to integer kilograms, exactly",
		MarkdownDescription: "Converts a quantity of credits given in tonnes as a decimal **string** " +
			"(`\"12.5\"`, `\"0.001\"`, `\"1000\"`) to the integer number of kilograms the registry works in " +
			"(1 credit = 1 tonne = 1000 kg), for arguments such as `credit_quantity_kg`. The digits are " +
			"converted exactly, without floating-point arithmetic.\n\n" +
			"The input must be a plain non-negative decimal with at most 3 decimals (1 kg is the smallest unit). " +
			"Negative values, empty strings, exponent notation (`\"1e3\"`), signs, spaces and more than 3 decimals are " +
			"rejected with an error naming the value. A string is required rather than a number so that no " +
			"precision is lost before the conversion.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "tonnes",
				MarkdownDescription: "Quantity in tonnes (credits) as a decimal string with at most 3 decimals, for example `\"12.5\"`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (f *tonnesToKgFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var tonnes string
	resp.Error = req.Arguments.Get(ctx, &tonnes)
	if resp.Error != nil {
		return
	}
	kg, err := kgFromTonnes(tonnes)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "tonnes_to_kg: "+err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, kg)
}
