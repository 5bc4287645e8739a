module whoselects.local/gosort

go 1.24
