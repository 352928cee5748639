"""The live demo: a prompted base model against a fine-tuned one, on one input or a labelled set."""
