using GuongSang.Content.Model;
using GuongSang.Content.Text;

namespace GuongSang.Bench.Search;

/// <summary>Deterministic Vietnamese exemplar stories: names, places, movements, awards, decision numbers.</summary>
internal sealed class StoryGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lâm", "Mai", "Tạ"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Thanh", "Quang", "Ngọc", "Xuân", "Thu", "Kim", "Bảo"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Tuấn", "Vy", "Yến", "Điệp", "Thúy", "Lý"];
    private static readonly string[] Places = ["Phú Thượng", "Tân Phú", "Ia Tul", "Đắk Mar", "Hòa Bình", "Kỳ Sơn", "Phước Hưng", "Mường Tè", "Sa Vĩ", "Đông Sơn", "Tam Đảo", "Bến Nghé", "Thủy Xuân", "Quảng Phú", "Yên Thế", "Cẩm Lệ", "Long Hồ", "Vĩnh Lợi"];
    private static readonly string[] Districts = ["Ia Pa", "Krông Pa", "Chư Sê", "Đông Anh", "Gia Lâm", "Củ Chi", "Hóc Môn", "Lệ Thủy", "Quảng Trạch", "Kỳ Anh"];
    private static readonly string[] Awards = ["Giấy khen của Chủ tịch UBND huyện", "Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của Thủ tướng Chính phủ", "Chiến sĩ thi đua cơ sở", "Huân chương Lao động hạng Ba"];
    private static readonly string[] Issuers = ["UBND", "BCA", "SYT", "SGDĐT", "TTg", "UBND-TĐKT"];

    public static readonly (string Name, string Slug, string[] Phrases)[] Movements =
    [
        ("Hiến máu tình nguyện", "hien-mau-tinh-nguyen", ["hiến máu tình nguyện", "ngân hàng máu sống", "cứu người bệnh qua cơn nguy kịch", "hiến tiểu cầu", "vận động đoàn viên hiến máu"]),
        ("Dân vận khéo", "dan-van-kheo", ["dân vận khéo", "vận động nhân dân hiến đất làm đường", "hòa giải mâu thuẫn ở cơ sở", "tổ hòa giải", "đối thoại với người dân"]),
        ("Chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", "vi-nguoi-ngheo", ["giúp đỡ người nghèo", "xây nhà đại đoàn kết", "trao sinh kế cho hộ nghèo", "thoát nghèo bền vững", "không để ai bị bỏ lại phía sau"]),
        ("Dạy tốt - Học tốt", "day-tot-hoc-tot", ["dạy tốt học tốt", "đổi mới phương pháp dạy học", "bồi dưỡng học sinh giỏi", "khuyến học khuyến tài", "quỹ khuyến học dòng họ"]),
        ("Thi đua thực hiện chương trình chuyển đổi số quốc gia", "chuyen-doi-so", ["chuyển đổi số", "thanh toán không dùng tiền mặt", "dịch vụ công trực tuyến", "sàn thương mại điện tử", "sổ điểm điện tử"]),
        ("Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh", "nong-thon-moi", ["xây dựng nông thôn mới", "đường giao thông nông thôn", "khu dân cư kiểu mẫu", "thắp sáng đường quê", "cánh đồng mẫu lớn"]),
        ("Bảo vệ môi trường", "bao-ve-moi-truong", ["phân loại rác tại nguồn", "trồng rừng phòng hộ", "bảo vệ môi trường", "biến rác thành phân bón", "xanh sạch đẹp"]),
        ("Toàn dân bảo vệ an ninh Tổ quốc", "an-ninh-to-quoc", ["giữ bình yên buôn làng", "phòng cháy chữa cháy", "tổ tự quản an ninh trật tự", "tố giác tội phạm", "camera an ninh"]),
        ("Người tốt, việc tốt", "nguoi-tot-viec-tot", ["người tốt việc tốt", "bếp ăn từ thiện", "nhặt được của rơi trả người đánh mất", "cứu người đuối nước", "lái xe cứu thương miễn phí"]),
        ("Y tế cơ sở", "y-te-co-so", ["khám bệnh miễn phí", "tiêm chủng mở rộng", "y học cổ truyền", "chăm sóc sức khỏe người cao tuổi", "bác sĩ gia đình"]),
        ("Lao động giỏi, lao động sáng tạo", "lao-dong-sang-tao", ["sáng kiến cải tiến kỹ thuật", "làm lợi hàng tỷ đồng", "chế tạo máy gặt lúa", "nâng cao năng suất lao động", "kỹ sư trẻ"]),
        ("Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc", "phu-nu", ["gia đình văn hóa", "nuôi dạy con tốt", "tổ tiết kiệm phụ nữ", "khởi nghiệp từ nông sản", "sống khỏe sống vui"]),
    ];

    private static readonly string[] Sentences =
    [
        "Nhiều năm qua, {name} luôn đi đầu trong phong trào {phrase}.",
        "Tại {place}, {name} đã {phrase2} và được bà con tin yêu.",
        "Với {n} lần tham gia {phrase}, {name} là tấm gương sáng cho thế hệ trẻ.",
        "Mô hình {phrase} được nhân rộng ra {n} xã trong huyện {district}.",
        "Cán bộ và nhân dân {place} đánh giá cao cách làm {phrase2}.",
        "Năm {year}, đơn vị được tặng {award} vì thành tích {phrase}.",
        "Từ những việc nhỏ như {phrase2}, {name} đã lan tỏa tinh thần người tốt việc tốt.",
        "Hơn {n} hộ gia đình được hưởng lợi từ {phrase}.",
        "Không quản khó khăn, {name} kiên trì {phrase2} suốt {n} năm.",
        "Câu chuyện về {name} được báo chí địa phương giới thiệu trong chuyên mục gương điển hình tiên tiến.",
    ];

    public int Pick(int max) => _random.Next(max);

    /// <summary>
    /// Distinct searches as readers type them, for runs that no cache can answer: full names, a phrase of a
    /// movement with a commune or district, a given name with a commune; a third without diacritics.
    /// </summary>
    public static List<string> LongTailQueries(int count)
    {
        var random = new Random(7);
        var all = new List<string>();
        foreach (var f in FamilyNames)
        {
            foreach (var m in MiddleNames)
            {
                foreach (var g in GivenNames) all.Add($"{f} {m} {g}");
            }
        }
        foreach (var (_, _, phrases) in Movements)
        {
            foreach (var phrase in phrases)
            {
                foreach (var place in Places.Concat(Districts)) all.Add($"{phrase} {place}");
            }
        }
        foreach (var g in GivenNames)
        {
            foreach (var place in Places) all.Add($"{g} {place}");
        }
        var shuffled = all.Distinct().OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < shuffled.Count; i += 3) shuffled[i] = VietnameseText.Fold(shuffled[i]);
        if (count > shuffled.Count) throw new ArgumentOutOfRangeException(nameof(count), $"At most {shuffled.Count} distinct queries.");
        return shuffled.Take(count).ToList();
    }

    private T One<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public (string Name, ExemplarKind Kind) Name()
    {
        var roll = _random.Next(10);
        if (roll < 6) return ($"{One(FamilyNames)} {One(MiddleNames)} {One(GivenNames)}", ExemplarKind.Individual);
        if (roll < 8) return ($"{One(["Tổ hòa giải thôn", "Chi đoàn xã", "Hợp tác xã", "Câu lạc bộ", "Trường Tiểu học", "Hội Nông dân xã"])} {One(Places)}", ExemplarKind.Collective);
        if (roll < 9) return ($"Hộ ông {One(FamilyNames)} {One(MiddleNames)} {One(GivenNames)}", ExemplarKind.Household);
        return ($"Mô hình \"{One(Movements).Phrases[0]}\" ở {One(Places)}", ExemplarKind.Model);
    }

    public Exemplar Exemplar(int n, Agency agency, Movement movement, string[] phrases, Locality? province)
    {
        var (name, kind) = Name();
        var year = 2019 + _random.Next(7);
        var sentences = Enumerable.Range(0, 4 + _random.Next(5)).Select(_ => One(Sentences)
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{phrase2}", One(phrases), StringComparison.Ordinal)
            .Replace("{phrase}", One(phrases), StringComparison.Ordinal)
            .Replace("{place}", One(Places), StringComparison.Ordinal)
            .Replace("{district}", One(Districts), StringComparison.Ordinal)
            .Replace("{award}", One(Awards), StringComparison.Ordinal)
            .Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{n}", (2 + _random.Next(98)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var decision = $"{1 + _random.Next(5000)}/QĐ-{One(Issuers)}";
        return new Exemplar
        {
            Agency = agency,
            Movement = movement,
            Province = province,
            Code = "BENCH-" + n,
            Kind = kind,
            Name = name,
            Slug = VietnameseText.Slug(name),
            NameKey = VietnameseText.Key(name),
            Summary = $"{name}: {One(phrases)}.",
            Body = string.Join(" ", sentences),
            AddressAsRecognised = $"xã {One(Places)}, huyện {One(Districts)}",
            Position = kind == ExemplarKind.Individual ? One(["Công nhân", "Giáo viên", "Bác sĩ", "Nông dân", "Bí thư chi bộ", "Trưởng thôn"]) : null,
            Status = ContentStatus.Published,
            PublishedAt = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(_random.Next(365)),
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
            Recognitions = [new Recognition
            {
                Award = One(Awards),
                DecisionNumber = DecisionNumber.Normalize(decision),
                DecisionNumberAsWritten = decision,
                DecisionDate = new DateOnly(year, 1 + _random.Next(12), 1 + _random.Next(28)),
            }],
        };
    }
}
