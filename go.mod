module github.com/spindle-pdm/spindle

go 1.23.0

require (
	github.com/mjibson/go-dsp v0.0.0-20180508042940-11479a337f12 // indirect
	github.com/stretchr/testify v1.10.0 // indirect
	gonum.org/v1/gonum v0.16.0 // indirect
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
