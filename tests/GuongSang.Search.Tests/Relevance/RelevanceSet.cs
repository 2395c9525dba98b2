using System.Text;

namespace GuongSang.Search.Relevance;

/// <summary>
/// The relevance set: stories with planted variants (text without diacritics, old tone placement,
/// đ, NFD, i/y spellings, upper case, names, decision numbers, phrases) and the queries a reader would
/// type, each with the stories it should find. Shared by the relevance test and the benchmark's FTS5
/// comparison, so both are measured on the same thing.
/// </summary>
public static class RelevanceSet
{
    public sealed record Story(int Id, string Name, string Text, string Extra = "", string? Decision = null);

    public sealed record Case(string Category, string Query, int[] Expected);

    /// <summary>The categories that must reach Recall@10 = 1: they are normalisation, not judgement.</summary>
    public static readonly string[] NormalisationCategories = ["diacritics", "tone", "đ", "nfd", "case"];

    private static string Nfd(string s) => s.Normalize(NormalizationForm.FormD);

    public static readonly IReadOnlyList<Story> Stories =
    [
        new(1, "Anh Trần Văn Đức – 42 lần hiến máu tình nguyện",
            "Anh Đức, công nhân nhà máy cơ khí, đã 42 lần hiến máu tình nguyện, cứu giúp nhiều người bệnh tại bệnh viện tỉnh.",
            "Công nhân. Bằng khen của Chủ tịch UBND tỉnh", "1456/QĐ-UBND"),
        new(2, "Tổ hoà giải thôn Phú Thượng",
            "Tổ hoà giải ở cơ sở đã hoà giải thành công 37 vụ việc mâu thuẫn trong khu dân cư, giữ gìn tình làng nghĩa xóm."),
        new(3, "Hợp tác xã hoa lan Đà Lạt",
            "Mô hình trồng hoa lan và hoa hồng trong nhà kính giúp 50 hộ thành viên thoát nghèo, tạo việc làm cho lao động nữ."),
        new(4, "Bà Lê Thị Thủy – quỹ khuyến học dòng họ",
            "Bà Thủy vận động con cháu lập quỹ khuyến học của dòng họ, mỗi năm trao học bổng cho học sinh nghèo vượt khó."),
        new(5, "Hợp tác xã dịch vụ thuỷ lợi Đông Sơn",
            "Hợp tác xã nạo vét kênh mương nội đồng, bảo đảm nước tưới cho 300 ha lúa, quản lý công trình thuỷ lợi hiệu quả."),
        new(6, Nfd("Đội xung kích phòng cháy chữa cháy phường Bến Nghé"),
            Nfd("Đội xung kích đã tham gia dập tắt 12 vụ cháy nhà dân, hướng dẫn kỹ năng thoát nạn cho người dân trong hẻm nhỏ.")),
        new(7, "Đoàn thanh niên xã Đắk Mar làm đường giao thông nông thôn",
            "Đoàn viên thanh niên đã làm mới 5 km đường bê tông, lắp đèn chiếu sáng đường làng."),
        new(8, "Ông Phạm Minh Tuấn – đưa nông sản lên sàn thương mại điện tử",
            "Ông Tuấn hướng dẫn bà con bán hàng trực tuyến, thanh toán không dùng tiền mặt, góp phần chuyển đổi số ở nông thôn."),
        new(9, "Trường Tiểu học Kim Đồng – chuyển đổi số trong dạy học",
            "Nhà trường dùng sổ điểm điện tử, học liệu số, thi đua dạy tốt học tốt."),
        new(10, "Kỹ sư Hoàng Văn Lý – sáng kiến cải tiến kỹ thuật",
            "Kỹ sư Lý có 7 sáng kiến cải tiến kỹ thuật tại nhà máy thủy điện, làm lợi hàng tỷ đồng."),
        new(11, "Bác sĩ Nguyễn Thị Mỹ Linh – khám bệnh miễn phí vùng cao",
            "Bác sỹ Linh cùng đồng nghiệp khám bệnh, cấp thuốc miễn phí cho đồng bào vùng cao mỗi tháng."),
        new(12, "Mô hình \"Chung sức làm đường\" xã Ia Tul",
            "Cách làm dân vận khéo: cán bộ xã đến từng nhà vận động, người dân góp công, góp đất làm 7 km đường.",
            "xã Ia Tul, huyện Ia Pa, tỉnh Gia Lai"),
        new(13, "Chi hội phụ nữ ấp 3 – vận động giữ vệ sinh môi trường",
            "Chi hội là điển hình dân vận khéo trong vận động hội viên giữ gìn vệ sinh môi trường, trồng hàng rào xanh."),
        new(14, "Câu lạc bộ dưỡng sinh người cao tuổi – sống vui, sống khoẻ",
            "Câu lạc bộ duy trì tập dưỡng sinh mỗi sáng, lan tỏa lối sống khoẻ mạnh, vui vẻ trong người cao tuổi."),
        new(15, "Ông Võ Văn Tám – hiến đất làm đường, giúp người nghèo",
            "Ông Tám hiến 500 m2 đất làm đường vào xóm, hưởng ứng phong trào Chung tay vì người nghèo – Không để ai bị bỏ lại phía sau."),
        new(16, "Câu lạc bộ Ngân hàng máu sống xã Tân Phú",
            "Câu lạc bộ có 120 thành viên sẵn sàng hiến máu khi bệnh viện có ca cấp cứu cần nhóm máu hiếm."),
        new(17, "Cô giáo Đặng Thu Hà – chèo đò đưa học sinh qua sông",
            "Suốt mười năm, cô chèo đò đưa đón học sinh qua sông an toàn trong mùa lũ."),
        new(18, "Hội Cựu chiến binh phường 5 – biến rác thành phân bón",
            "Hội viên phân loại rác tại nguồn, ủ phân hữu cơ từ rác nhà bếp, góp phần bảo vệ môi trường đô thị."),
        new(19, "Hộ ông Lâm Văn Bảy – nuôi tôm sinh thái dưới tán rừng ngập mặn",
            "Gia đình ông nuôi tôm kết hợp giữ rừng ngập mặn, thu nhập ổn định, không dùng hóa chất."),
        new(20, "HỢP TÁC XÃ NÔNG NGHIỆP XANH TAM ĐẢO",
            "SẢN XUẤT RAU AN TOÀN THEO TIÊU CHUẨN VIETGAP, BAO TIÊU SẢN PHẨM CHO NÔNG DÂN."),
        new(21, "Thầy Hoàng Đình Quý – 20 năm cắm bản dạy chữ",
            "Thầy Quý dạy học ở điểm trường lẻ trên núi, mở lớp xóa mù chữ cho đồng bào Mông."),
        new(22, "Bà Huỳnh Thị Nở – tấm gương tiết kiệm, giúp đỡ hàng xóm",
            "Bà Nở dành dụm tiền bán vé số để mua gạo tặng các gia đình khó khăn trong xóm trọ.",
            "Giấy khen", "3377/QĐ-UBND"),
        new(23, "Công an xã Ea Kao – giữ bình yên buôn làng",
            "Công an xã bám địa bàn, giải quyết tin báo tố giác tội phạm kịp thời, giữ bình yên buôn làng.",
            "Bằng khen của Bộ trưởng Bộ Công an", "245/QĐ-BCA"),
        new(24, "Chị Mai Thị Lan – nuôi dạy con tốt",
            "Chị Lan nuôi ba con học giỏi, nhiều năm liền được công nhận gia đình văn hóa tiêu biểu của khu phố."),
        new(25, "Nhà văn hóa thôn Đông – điểm sinh hoạt cộng đồng",
            "Gia đình ông Sáu góp tiền xây nhà, thôn có điểm sinh hoạt văn hóa, thể thao cho thanh thiếu niên."),
        new(26, "Đội văn nghệ xã Hoà Bình",
            "Đội văn nghệ quần chúng dàn dựng các tiết mục hát then, đàn tính phục vụ bà con trong lễ hội."),
        new(27, "Chị Nguyễn Thị Thuý – thợ may giúp trẻ mồ côi",
            "Chị Thuý dạy nghề may miễn phí cho trẻ mồ côi và người khuyết tật, giúp các em có việc làm."),
        new(28, "Anh Đinh Văn Đạt – lái xe cứu thương miễn phí",
            "Anh Đạt dùng xe riêng chở người bệnh nghèo từ bệnh viện về nhà không lấy tiền."),
        new(29, "Bà Đào Thị Điệp – bếp ăn từ thiện bệnh viện",
            "Bà Điệp duy trì bếp ăn từ thiện, mỗi ngày phát 300 suất cơm cho người nhà bệnh nhân."),
        new(30, "Trung tâm Y tế huyện Mường Tè – tiêm chủng mở rộng",
            "Trung tâm tổ chức tiêm chủng cho hơn 5.000 trẻ em vùng sâu, vùng xa, không để sót trẻ nào."),
        new(31, "Trạm y tế xã Phước Hưng – y học cổ truyền",
            "Trạm y tế khám chữa bệnh bằng y học cổ truyền, trồng vườn thuốc nam cho người dân."),
        new(32, "Giảng viên Trần Thị Lí – nghiên cứu lý luận chính trị",
            "Cô Lí có nhiều công trình nghiên cứu lý luận chính trị, bồi dưỡng đội ngũ báo cáo viên cơ sở."),
        new(33, "Hội Nông dân xã Kỳ Sơn – cánh đồng mẫu lớn",
            "Hội vận động nông dân dồn điền đổi thửa, xây dựng cánh đồng mẫu lớn liên kết với doanh nghiệp."),
        new(34, "Ông Y Bih Niê – già làng uy tín",
            "Già làng Y Bih vận động bà con buôn Ko Siêr bỏ hủ tục, giữ gìn văn hóa cồng chiêng."),
        new(35, "Trường THCS Lê Lợi – trường học xanh, sạch, đẹp",
            "Học sinh chăm sóc bồn hoa, thu gom giấy vụn, xây dựng trường học xanh, sạch, đẹp, an toàn."),
        new(36, "Ông Bùi Văn Khoa – sáng chế máy gặt lúa mini",
            "Ông Khoa tự chế tạo máy gặt lúa nhỏ gọn phù hợp ruộng bậc thang, bán giá rẻ cho nông dân."),
        new(37, "Bà Tạ Thị Hòe – 30 năm làm bà đỡ thôn bản",
            "Bà Hòe đỡ đẻ cho hàng trăm sản phụ ở bản xa trạm y tế, vận động chị em sinh con tại cơ sở y tế."),
        new(38, "Chi đoàn Bệnh viện Đa khoa tỉnh – hiến tiểu cầu",
            "Đoàn viên thanh niên thường xuyên hiến máu và hiến tiểu cầu cho bệnh nhân ung thư."),
        new(39, "Đồn Biên phòng Sa Vĩ – đồng hành cùng ngư dân bám biển",
            "Cán bộ đồn hỗ trợ ngư dân sửa tàu, cấp túi thuốc, giúp bà con yên tâm bám biển."),
        new(40, "Công ty Điện lực – thắp sáng đường quê",
            "Công nhân điện lực lắp 2.000 bóng đèn năng lượng mặt trời thắp sáng đường quê."),
        new(41, "Anh Lò Văn Pọm – trồng rừng phòng hộ đầu nguồn",
            "Anh Pọm cùng bà con bản trồng 40 ha rừng phòng hộ đầu nguồn, giữ nước cho thủy điện nhỏ."),
        new(42, "Chị Phan Thị Quí – mô hình tiết kiệm tín dụng phụ nữ",
            "Chị Quí lập tổ tiết kiệm giúp hội viên vay vốn không lãi để chăn nuôi bò, thoát nghèo bền vững."),
        new(43, "Cụm dân cư số 2 – khu dân cư an toàn về an ninh trật tự",
            "Người dân lắp camera an ninh, tổ tự quản tuần tra ban đêm, khu dân cư nhiều năm không có tội phạm."),
        new(44, "Thanh niên tình nguyện Trường Đại học Y Dược – mùa hè xanh",
            "Sinh viên tình nguyện khám bệnh, tặng quà và xây nhà nhân ái trong chiến dịch mùa hè xanh."),
    ];

    public static readonly IReadOnlyList<Case> Cases =
    [
        // Typed without diacritics.
        new("diacritics", "hien mau", [1, 16, 38]),
        new("diacritics", "hoa giai", [2]),
        new("diacritics", "chuyen doi so", [8, 9]),
        new("diacritics", "dan van kheo", [12, 13]),
        new("diacritics", "phan loai rac", [18]),
        new("diacritics", "bep an tu thien", [29]),
        new("diacritics", "trong rung phong ho", [41]),
        new("diacritics", "ngu dan bam bien", [39]),
        // Old and new tone placement, both ways.
        new("tone", "hòa giải", [2]),
        new("tone", "thủy lợi", [5]),
        new("tone", "sống khỏe", [14]),
        new("tone", "Hòa Bình", [26]),
        new("tone", "Thúy thợ may", [27]),
        new("tone", "hoè bà đỡ", [37]),
        // đ/Đ typed as d, and Icelandic Ð pasted for Đ.
        new("đ", "dak mar", [7]),
        new("đ", "dinh van dat", [28]),
        new("đ", "dao thi diep", [29]),
        new("đ", "\u00D0ồn biên phòng", [39]),
        // NFD input, in the query or in the story.
        new("nfd", Nfd("phòng cháy chữa cháy"), [6]),
        new("nfd", Nfd("nuôi tôm rừng ngập mặn"), [19]),
        new("nfd", "đội xung kích", [6]),
        new("nfd", Nfd("Điệp bếp ăn"), [29]),
        // Upper and lower case.
        new("case", "HIẾN MÁU", [1, 16, 38]),
        new("case", "rau an toàn vietgap", [20]),
        new("case", "Hợp Tác Xã Nông Nghiệp Xanh", [20]),
        // i/y spellings.
        new("i/y", "kĩ sư lí", [10]),
        new("i/y", "bác sỹ mĩ linh", [11]),
        new("i/y", "lí luận chính trị", [32]),
        new("i/y", "Kì Sơn cánh đồng", [33]),
        new("i/y", "chị quý tiết kiệm", [42]),
        // Names.
        new("name", "Trần Văn Đức", [1]),
        new("name", "Y Bih", [34]),
        new("name", "Lê Thị Thủy", [4]),
        new("name", "bui van khoa", [36]),
        // Decision numbers, as written and as typed.
        new("decision", "1456/QĐ-UBND", [1]),
        new("decision", "3377/qd-ubnd", [22]),
        new("decision", "245 / QĐ-BCA", [23]),
        // Words and phrases.
        new("phrase", "\"gia đình văn hóa\"", [24]),
        new("phrase", "đưa đón học sinh qua sông", [17]),
        new("phrase", "tiêm chủng trẻ em", [30]),
        new("phrase", "y học cổ truyền", [31]),
        new("phrase", "hiến đất làm đường", [15]),
        new("phrase", "hoa lan", [3]),
        new("phrase", "khu dân cư an toàn", [43]),
        new("phrase", "mùa hè xanh", [44]),
        new("phrase", "quỹ khuyến học", [4]),
        new("phrase", "xanh sạch đẹp", [35]),
    ];

    public sealed record Score(string Category, int Queries, double RecallAt10, double Mrr);

    /// <summary>Recall@10 and MRR per category and overall ("all"), for any search that returns story ids in rank order.</summary>
    public static List<Score> Evaluate(Func<string, IReadOnlyList<int>> search, Action<string>? log = null)
    {
        var rows = new List<(string Category, double Recall, double Rr)>();
        foreach (var c in Cases)
        {
            var ranked = search(c.Query).Take(10).ToList();
            var recall = c.Expected.Count(ranked.Contains) / (double)c.Expected.Length;
            var first = ranked.FindIndex(c.Expected.Contains);
            var rr = first < 0 ? 0 : 1.0 / (first + 1);
            if (recall < 1 || rr < 1) log?.Invoke($"{c.Category,-10} {c.Query,-30} expected [{string.Join(",", c.Expected)}] got [{string.Join(",", ranked)}]");
            rows.Add((c.Category, recall, rr));
        }
        var scores = rows.GroupBy(r => r.Category)
            .Select(g => new Score(g.Key, g.Count(), g.Average(r => r.Recall), g.Average(r => r.Rr))).ToList();
        scores.Add(new Score("all", rows.Count, rows.Average(r => r.Recall), rows.Average(r => r.Rr)));
        return scores;
    }
}
