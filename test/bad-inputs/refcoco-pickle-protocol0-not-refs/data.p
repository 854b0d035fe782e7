S'a cat'
p0
.