Console.WriteLine("tangerang-loadtest: usage text pending");
