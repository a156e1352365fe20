// The walogTests target needs at least one source file to build; end-to-end tests replace this.
