WITH "t9" AS (
  SELECT
    "t1"."patient_id",
    "t1"."day"
  FROM "transfusions" AS "t1"
  WHERE
    "t1"."product" = 'platelets'
), "t23" AS (
  SELECT
    "t10"."patient_id",
    MIN("t10"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      "t1"."patient_id",
      "t1"."day"
    FROM "transfusions" AS "t1"
    WHERE
      "t1"."product" = 'platelets' AND "t1"."day" >= 0
  ) AS "t10"
  GROUP BY
    1
), "t37" AS (
  SELECT
    "t29"."patient_id",
    "t29"."day",
    COALESCE(
      "t29"."anc",
      (
        "t29"."wbc" * (
          "t29"."seg" + COALESCE("t29"."bands", 0.0)
        )
      ) / 100.0
    ) AS "value"
  FROM (
    SELECT
      "t12"."patient_id",
      "t12"."day",
      MIN(CASE WHEN "t12"."qualifier" = '<' THEN 0.0 ELSE "t12"."value" END) FILTER(WHERE
        "t12"."analyte" = 'anc') AS "anc",
      MIN(CASE WHEN "t12"."qualifier" = '<' THEN 0.0 ELSE "t12"."value" END) FILTER(WHERE
        "t12"."analyte" = 'wbc') AS "wbc",
      MIN(CASE WHEN "t12"."qualifier" = '<' THEN 0.0 ELSE "t12"."value" END) FILTER(WHERE
        "t12"."analyte" = 'neut_pct') AS "seg",
      MAX(CASE WHEN "t12"."qualifier" = '<' THEN 0.0 ELSE "t12"."value" END) FILTER(WHERE
        "t12"."analyte" = 'bands_pct') AS "bands"
    FROM (
      SELECT
        *
      FROM "labs" AS "t2"
      WHERE
        "t2"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t2"."day" >= 0
    ) AS "t12"
    GROUP BY
      1,
      2
  ) AS "t29"
), "t43" AS (
  SELECT
    "t35"."patient_id",
    "t35"."day",
    "t35"."value",
    "t35"."platelet_engraftment_meets",
    "t35"."platelet50_engraftment_meets",
    "t35"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t35"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t35"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t35"."day", 1) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t35"."day", 2) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t35"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t35"."patient_id"
      ORDER BY "t35"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t35"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t35"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t35"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t35"."day", 1) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t35"."day", 2) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t35"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t35"."patient_id"
      ORDER BY "t35"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t30"."patient_id",
      "t30"."day",
      "t30"."value",
      "t30"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t30"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM (
      SELECT
        "t13"."patient_id",
        "t13"."day",
        MIN(CASE WHEN "t13"."qualifier" = '<' THEN 0.0 ELSE "t13"."value" END) AS "value"
      FROM (
        SELECT
          *
        FROM "labs" AS "t2"
        WHERE
          "t2"."analyte" = 'plt' AND "t2"."day" >= 0
      ) AS "t13"
      GROUP BY
        1,
        2
    ) AS "t30"
  ) AS "t35"
), "t51" AS (
  SELECT
    "t45"."patient_id",
    BOOL_OR(CAST(NOT (
      "t45"."platelet_engraftment_meets"
    ) AS BOOLEAN)) AS "platelet_engraftment_fell",
    BOOL_OR(CAST(NOT (
      "t45"."platelet50_engraftment_meets"
    ) AS BOOLEAN)) AS "platelet50_engraftment_fell"
  FROM "t43" AS "t45"
  GROUP BY
    1
), "t89" AS (
  SELECT
    "t88"."patient_id",
    CASE
      WHEN (
        CASE WHEN NOT (
          "t88"."n_fell"
        ) THEN 0 ELSE "t88"."n_day" END IS NOT NULL
      )
      AND (
        CASE WHEN NOT (
          "t88"."p_fell"
        ) THEN 0 ELSE "t88"."p_day" END IS NOT NULL
      )
      THEN GREATEST(
        CASE WHEN NOT (
          "t88"."n_fell"
        ) THEN 0 ELSE "t88"."n_day" END,
        CASE WHEN NOT (
          "t88"."p_fell"
        ) THEN 0 ELSE "t88"."p_day" END
      )
      ELSE CAST(NULL AS BIGINT)
    END AS "recovered_day",
    CASE WHEN NOT (
      "t88"."n_fell"
    ) THEN 0 ELSE "t88"."n_day" END IS NOT NULL AS "neutrophils_recovered",
    "t88"."p_fell" IS NOT NULL AS "platelets_known"
  FROM (
    SELECT
      "t87".*
      EXCLUDE ("patient_id_right")
    FROM (
      SELECT
        "t80"."patient_id",
        "t80"."n_day",
        "t80"."n_fell",
        "t86"."patient_id" AS "patient_id_right",
        "t86"."p_day",
        "t86"."p_fell"
      FROM (
        SELECT
          "t75"."patient_id",
          "t75"."n_day",
          "t75"."n_fell"
        FROM (
          SELECT
            "t72"."patient_id",
            "t70"."patient_id" AS "patient_id_right",
            "t70"."n_day",
            "t70"."n_fell"
          FROM (
            SELECT
              "t64"."patient_id"
            FROM (
              SELECT
                "t62".*
                EXCLUDE ("last_lab_day")
              FROM (
                SELECT
                  "t58"."patient_id",
                  "t58"."arm",
                  "t58"."modality",
                  "t58"."graft_source",
                  "t58"."second_infusion_day",
                  "t58"."weight_kg",
                  "t58"."death_day",
                  COALESCE("t58"."censor_day", CAST("t58"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                  "t58"."relapse_day",
                  "t58"."last_lab_day"
                FROM (
                  SELECT
                    "t54".*
                    EXCLUDE ("patient_id_right")
                  FROM (
                    SELECT
                      "t49"."patient_id",
                      "t49"."arm",
                      "t49"."modality",
                      "t49"."graft_source",
                      "t49"."second_infusion_day",
                      "t49"."weight_kg",
                      "t49"."death_day",
                      "t49"."censor_day",
                      "t49"."relapse_day",
                      "t18"."patient_id" AS "patient_id_right",
                      "t18"."last_lab_day"
                    FROM (
                      SELECT
                        "t46".*
                        EXCLUDE ("patient_id_right")
                      FROM (
                        SELECT
                          "t40"."patient_id",
                          "t40"."arm",
                          "t40"."modality",
                          "t40"."graft_source",
                          "t40"."second_infusion_day",
                          "t40"."weight_kg",
                          "t40"."death_day",
                          "t40"."censor_day",
                          "t25"."patient_id" AS "patient_id_right",
                          "t25"."relapse_day"
                        FROM (
                          SELECT
                            "t36".*
                            EXCLUDE ("patient_id_right")
                          FROM (
                            SELECT
                              "t34"."patient_id",
                              "t34"."arm",
                              "t34"."modality",
                              "t34"."graft_source",
                              "t34"."second_infusion_day",
                              "t34"."weight_kg",
                              "t27"."patient_id" AS "patient_id_right",
                              "t27"."death_day",
                              "t27"."censor_day"
                            FROM (
                              SELECT
                                "t31".*
                                EXCLUDE ("patient_id_right")
                              FROM (
                                SELECT
                                  "t19"."patient_id",
                                  "t19"."arm",
                                  "t19"."modality",
                                  "t19"."graft_source",
                                  "t19"."second_infusion_day",
                                  "t15"."patient_id" AS "patient_id_right",
                                  "t15"."weight_kg"
                                FROM (
                                  SELECT
                                    "t4"."patient_id",
                                    COALESCE("t4"."arm", "t4"."modality") AS "arm",
                                    "t4"."modality",
                                    "t4"."graft_source",
                                    CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                                  FROM "treatments" AS "t4"
                                ) AS "t19"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t5"."patient_id",
                                    "t5"."weight_kg"
                                  FROM "patients" AS "t5"
                                ) AS "t15"
                                  ON "t19"."patient_id" = "t15"."patient_id"
                              ) AS "t31"
                            ) AS "t34"
                            LEFT OUTER JOIN (
                              SELECT
                                "t3"."patient_id",
                                CASE
                                  WHEN "t3"."vital_status" = 'dead'
                                  THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END AS "death_day",
                                GREATEST(
                                  "t3"."last_contact_day",
                                  COALESCE(
                                    CASE
                                      WHEN "t3"."vital_status" = 'dead'
                                      THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END,
                                    "t3"."last_contact_day"
                                  )
                                ) AS "censor_day"
                              FROM "followup" AS "t3"
                            ) AS "t27"
                              ON "t34"."patient_id" = "t27"."patient_id"
                          ) AS "t36"
                        ) AS "t40"
                        LEFT OUTER JOIN (
                          SELECT
                            "t8"."patient_id",
                            MIN("t8"."day") AS "relapse_day"
                          FROM (
                            SELECT
                              *
                            FROM "disease_assessments" AS "t0"
                            WHERE
                              "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
                          ) AS "t8"
                          GROUP BY
                            1
                        ) AS "t25"
                          ON "t40"."patient_id" = "t25"."patient_id"
                      ) AS "t46"
                    ) AS "t49"
                    LEFT OUTER JOIN (
                      SELECT
                        "t2"."patient_id",
                        MAX("t2"."day") AS "last_lab_day"
                      FROM "labs" AS "t2"
                      GROUP BY
                        1
                    ) AS "t18"
                      ON "t49"."patient_id" = "t18"."patient_id"
                  ) AS "t54"
                ) AS "t58"
              ) AS "t62"
            ) AS "t64"
          ) AS "t72"
          LEFT OUTER JOIN (
            SELECT
              "t63"."patient_id",
              "t63"."day" AS "n_day",
              "t63"."applicable" AS "n_fell"
            FROM (
              SELECT
                "t55"."patient_id",
                CAST(MIN("t55"."day") FILTER(WHERE
                  "t55"."run_start" AND "t55"."failed_before") AS BIGINT) AS "day",
                BOOL_OR(CAST(NOT (
                  "t55"."meets"
                ) AS BOOLEAN)) AS "applicable"
              FROM (
                SELECT
                  "t42"."patient_id",
                  "t42"."day",
                  "t42"."value",
                  "t42"."meets",
                  "t42"."meets"
                  AND COALESCE(
                    LEAD("t42"."meets", 1) OVER (
                      PARTITION BY "t42"."patient_id"
                      ORDER BY "t42"."day" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ),
                    FALSE
                  )
                  AND COALESCE(
                    LEAD("t42"."meets", 2) OVER (
                      PARTITION BY "t42"."patient_id"
                      ORDER BY "t42"."day" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ),
                    FALSE
                  )
                  AND (
                    TRUE
                    AND (
                      LEAD("t42"."day", 1) OVER (
                        PARTITION BY "t42"."patient_id"
                        ORDER BY "t42"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) IS NOT NULL
                    )
                    AND (
                      LEAD("t42"."day", 2) OVER (
                        PARTITION BY "t42"."patient_id"
                        ORDER BY "t42"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) IS NOT NULL
                    )
                  ) AS "run_start",
                  SUM(CASE WHEN "t42"."meets" THEN 0 ELSE 1 END) OVER (
                    PARTITION BY "t42"."patient_id"
                    ORDER BY "t42"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                  ) > 0 AS "failed_before"
                FROM (
                  SELECT
                    "t39"."patient_id",
                    "t39"."day",
                    "t39"."value",
                    "t39"."value" >= 0.5 AS "meets"
                  FROM "t37" AS "t39"
                  WHERE
                    "t39"."value" IS NOT NULL
                ) AS "t42"
              ) AS "t55"
              GROUP BY
                1
            ) AS "t63"
          ) AS "t70"
            ON "t72"."patient_id" = "t70"."patient_id"
        ) AS "t75"
      ) AS "t80"
      LEFT OUTER JOIN (
        SELECT
          "t84"."patient_id",
          "t84"."day" AS "p_day",
          COALESCE("t84"."platelet_engraftment_fell", FALSE)
          OR (
            "t84"."first_transfusion_day" IS NOT NULL
          ) AS "p_fell"
        FROM (
          SELECT
            "t83".*
            EXCLUDE ("patient_id_right")
          FROM (
            SELECT
              "t79"."patient_id",
              "t79"."platelet_engraftment_fell",
              "t79"."platelet50_engraftment_fell",
              "t79"."first_transfusion_day",
              "t82"."patient_id" AS "patient_id_right",
              "t82"."day"
            FROM (
              SELECT
                "t76".*
                EXCLUDE ("patient_id_right")
              FROM (
                SELECT
                  "t73"."patient_id",
                  "t73"."platelet_engraftment_fell",
                  "t73"."platelet50_engraftment_fell",
                  "t28"."patient_id" AS "patient_id_right",
                  "t28"."first_transfusion_day"
                FROM (
                  SELECT
                    "t66"."patient_id",
                    "t66"."platelet_engraftment_fell",
                    "t66"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      "t61"."patient_id",
                      "t53"."patient_id" AS "patient_id_right",
                      "t53"."platelet_engraftment_fell",
                      "t53"."platelet50_engraftment_fell"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t52"."patient_id"
                        FROM "t51" AS "t52"
                      ) AS "t57"
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t26"."patient_id"
                        FROM "t23" AS "t26"
                      ) AS "t32"
                    ) AS "t61"
                    LEFT OUTER JOIN "t51" AS "t53"
                      ON "t61"."patient_id" = "t53"."patient_id"
                  ) AS "t66"
                ) AS "t73"
                LEFT OUTER JOIN "t23" AS "t28"
                  ON "t73"."patient_id" = "t28"."patient_id"
              ) AS "t76"
            ) AS "t79"
            LEFT OUTER JOIN (
              SELECT
                "t74"."patient_id",
                CAST(MIN("t74"."day") AS BIGINT) AS "day"
              FROM (
                SELECT
                  "t68"."patient_id",
                  "t68"."day",
                  "t68"."failed_before",
                  "t68"."first_transfusion_day"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t56".*
                      EXCLUDE ("patient_id_right")
                    FROM (
                      SELECT
                        "t50"."patient_id",
                        "t50"."day",
                        "t50"."failed_before",
                        "t28"."patient_id" AS "patient_id_right",
                        "t28"."first_transfusion_day"
                      FROM (
                        SELECT
                          "t45"."patient_id",
                          "t45"."day",
                          "t45"."platelet_engraftment_failed_before" AS "failed_before"
                        FROM "t43" AS "t45"
                        WHERE
                          "t45"."platelet_engraftment_run_start"
                      ) AS "t50"
                      LEFT OUTER JOIN "t23" AS "t28"
                        ON "t50"."patient_id" = "t28"."patient_id"
                    ) AS "t56"
                  ) AS "t59"
                  WHERE
                    "t59"."failed_before"
                    OR COALESCE("t59"."first_transfusion_day" < "t59"."day", FALSE)
                ) AS "t68"
                ANTI JOIN "t9" AS "t21"
                  ON "t68"."patient_id" = "t21"."patient_id"
                  AND "t21"."day" <= "t68"."day"
                  AND "t21"."day" > (
                    "t68"."day" - 7
                  )
              ) AS "t74"
              GROUP BY
                1
            ) AS "t82"
              ON "t79"."patient_id" = "t82"."patient_id"
          ) AS "t83"
        ) AS "t84"
      ) AS "t86"
        ON "t80"."patient_id" = "t86"."patient_id"
    ) AS "t87"
  ) AS "t88"
)
SELECT
  "t115"."patient_id",
  "t115"."recovered_day",
  "t115"."neutrophils_recovered",
  "t115"."platelets_known",
  "t115"."decline_day",
  "t115"."decline_kind",
  COALESCE("t115"."explained", FALSE) AS "explained"
FROM (
  SELECT
    "t114".*
    EXCLUDE ("patient_id_right")
  FROM (
    SELECT
      "t113"."patient_id",
      "t113"."recovered_day",
      "t113"."neutrophils_recovered",
      "t113"."platelets_known",
      "t113"."decline_day",
      "t113"."decline_kind",
      "t107"."patient_id" AS "patient_id_right",
      "t107"."explained"
    FROM (
      SELECT
        "t111".*
        EXCLUDE ("patient_id_right")
      FROM (
        SELECT
          "t91"."patient_id",
          "t91"."recovered_day",
          "t91"."neutrophils_recovered",
          "t91"."platelets_known",
          "t110"."patient_id" AS "patient_id_right",
          "t110"."decline_day",
          "t110"."decline_kind"
        FROM "t89" AS "t91"
        LEFT OUTER JOIN (
          SELECT
            "t108"."patient_id",
            "t108"."day" AS "decline_day",
            "t108"."kind" AS "decline_kind"
          FROM (
            SELECT
              "t105"."patient_id",
              "t105"."day",
              "t105"."kind",
              ROW_NUMBER() OVER (
                PARTITION BY "t105"."patient_id"
                ORDER BY "t105"."day" ASC, "t105"."kind" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) - 1 AS "rank"
            FROM (
              SELECT
                "t103"."patient_id",
                "t103"."day",
                "t103"."kind"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t99"."patient_id",
                    CAST("t99"."day" AS BIGINT) AS "day",
                    'anc' AS "kind"
                  FROM (
                    SELECT
                      "t96"."patient_id",
                      "t96"."day",
                      "t96"."value",
                      "t96"."meets",
                      "t96"."meets"
                      AND COALESCE(
                        LEAD("t96"."meets", 1) OVER (
                          PARTITION BY "t96"."patient_id"
                          ORDER BY "t96"."day" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ),
                        FALSE
                      )
                      AND COALESCE(
                        LEAD("t96"."meets", 2) OVER (
                          PARTITION BY "t96"."patient_id"
                          ORDER BY "t96"."day" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ),
                        FALSE
                      )
                      AND (
                        TRUE
                        AND (
                          LEAD("t96"."day", 1) OVER (
                            PARTITION BY "t96"."patient_id"
                            ORDER BY "t96"."day" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) IS NOT NULL
                        )
                        AND (
                          LEAD("t96"."day", 2) OVER (
                            PARTITION BY "t96"."patient_id"
                            ORDER BY "t96"."day" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) IS NOT NULL
                        )
                      ) AS "run_start",
                      SUM(CASE WHEN "t96"."meets" THEN 0 ELSE 1 END) OVER (
                        PARTITION BY "t96"."patient_id"
                        ORDER BY "t96"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                      ) > 0 AS "failed_before"
                    FROM (
                      SELECT
                        "t94"."patient_id",
                        "t94"."day",
                        "t94"."value",
                        "t94"."value" < 0.5 AS "meets"
                      FROM (
                        SELECT
                          "t44"."patient_id",
                          "t44"."day",
                          "t44"."value",
                          "t93"."recovered_day"
                        FROM (
                          SELECT
                            *
                          FROM "t37" AS "t39"
                          WHERE
                            "t39"."value" IS NOT NULL
                        ) AS "t44"
                        INNER JOIN (
                          SELECT
                            "t90"."patient_id",
                            "t90"."recovered_day"
                          FROM "t89" AS "t90"
                          WHERE
                            "t90"."recovered_day" IS NOT NULL
                        ) AS "t93"
                          ON "t44"."patient_id" = "t93"."patient_id"
                      ) AS "t94"
                      WHERE
                        "t94"."day" > "t94"."recovered_day"
                    ) AS "t96"
                  ) AS "t99"
                  WHERE
                    "t99"."run_start"
                ) AS "t101"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    "t98"."patient_id",
                    "t98"."day",
                    'platelet_transfusions' AS "kind"
                  FROM (
                    SELECT
                      "t97"."patient_id",
                      "t97"."day",
                      LEAD("t97"."day", 1) OVER (
                        PARTITION BY "t97"."patient_id"
                        ORDER BY "t97"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "kth"
                    FROM (
                      SELECT DISTINCT
                        "t95"."patient_id",
                        CAST("t95"."day" AS BIGINT) AS "day"
                      FROM (
                        SELECT
                          "t20"."patient_id",
                          "t20"."day",
                          "t93"."recovered_day"
                        FROM "t9" AS "t20"
                        INNER JOIN (
                          SELECT
                            "t90"."patient_id",
                            "t90"."recovered_day"
                          FROM "t89" AS "t90"
                          WHERE
                            "t90"."recovered_day" IS NOT NULL
                        ) AS "t93"
                          ON "t20"."patient_id" = "t93"."patient_id"
                      ) AS "t95"
                      WHERE
                        "t95"."day" > "t95"."recovered_day"
                    ) AS "t97"
                  ) AS "t98"
                  WHERE
                    (
                      "t98"."kth" - "t98"."day"
                    ) <= 6
                ) AS "t100"
              ) AS "t103"
              ANTI JOIN (
                SELECT
                  "t0"."patient_id",
                  CAST("t0"."day" AS BIGINT) AS "relapse_day"
                FROM "disease_assessments" AS "t0"
                WHERE
                  "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
              ) AS "t16"
                ON "t103"."patient_id" = "t16"."patient_id"
                AND "t16"."relapse_day" BETWEEN "t103"."day" - 14 AND "t103"."day" + 14
            ) AS "t105"
          ) AS "t108"
          WHERE
            "t108"."rank" = 0
        ) AS "t110"
          ON "t91"."patient_id" = "t110"."patient_id"
      ) AS "t111"
    ) AS "t113"
    LEFT OUTER JOIN (
      SELECT
        "t104"."patient_id",
        COUNT("t104"."day") > 0 AS "explained"
      FROM (
        SELECT
          "t103"."patient_id",
          "t103"."day",
          "t103"."kind"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t99"."patient_id",
              CAST("t99"."day" AS BIGINT) AS "day",
              'anc' AS "kind"
            FROM (
              SELECT
                "t96"."patient_id",
                "t96"."day",
                "t96"."value",
                "t96"."meets",
                "t96"."meets"
                AND COALESCE(
                  LEAD("t96"."meets", 1) OVER (
                    PARTITION BY "t96"."patient_id"
                    ORDER BY "t96"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ),
                  FALSE
                )
                AND COALESCE(
                  LEAD("t96"."meets", 2) OVER (
                    PARTITION BY "t96"."patient_id"
                    ORDER BY "t96"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ),
                  FALSE
                )
                AND (
                  TRUE
                  AND (
                    LEAD("t96"."day", 1) OVER (
                      PARTITION BY "t96"."patient_id"
                      ORDER BY "t96"."day" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) IS NOT NULL
                  )
                  AND (
                    LEAD("t96"."day", 2) OVER (
                      PARTITION BY "t96"."patient_id"
                      ORDER BY "t96"."day" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) IS NOT NULL
                  )
                ) AS "run_start",
                SUM(CASE WHEN "t96"."meets" THEN 0 ELSE 1 END) OVER (
                  PARTITION BY "t96"."patient_id"
                  ORDER BY "t96"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) > 0 AS "failed_before"
              FROM (
                SELECT
                  "t94"."patient_id",
                  "t94"."day",
                  "t94"."value",
                  "t94"."value" < 0.5 AS "meets"
                FROM (
                  SELECT
                    "t44"."patient_id",
                    "t44"."day",
                    "t44"."value",
                    "t93"."recovered_day"
                  FROM (
                    SELECT
                      *
                    FROM "t37" AS "t39"
                    WHERE
                      "t39"."value" IS NOT NULL
                  ) AS "t44"
                  INNER JOIN (
                    SELECT
                      "t90"."patient_id",
                      "t90"."recovered_day"
                    FROM "t89" AS "t90"
                    WHERE
                      "t90"."recovered_day" IS NOT NULL
                  ) AS "t93"
                    ON "t44"."patient_id" = "t93"."patient_id"
                ) AS "t94"
                WHERE
                  "t94"."day" > "t94"."recovered_day"
              ) AS "t96"
            ) AS "t99"
            WHERE
              "t99"."run_start"
          ) AS "t101"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t98"."patient_id",
              "t98"."day",
              'platelet_transfusions' AS "kind"
            FROM (
              SELECT
                "t97"."patient_id",
                "t97"."day",
                LEAD("t97"."day", 1) OVER (
                  PARTITION BY "t97"."patient_id"
                  ORDER BY "t97"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "kth"
              FROM (
                SELECT DISTINCT
                  "t95"."patient_id",
                  CAST("t95"."day" AS BIGINT) AS "day"
                FROM (
                  SELECT
                    "t20"."patient_id",
                    "t20"."day",
                    "t93"."recovered_day"
                  FROM "t9" AS "t20"
                  INNER JOIN (
                    SELECT
                      "t90"."patient_id",
                      "t90"."recovered_day"
                    FROM "t89" AS "t90"
                    WHERE
                      "t90"."recovered_day" IS NOT NULL
                  ) AS "t93"
                    ON "t20"."patient_id" = "t93"."patient_id"
                ) AS "t95"
                WHERE
                  "t95"."day" > "t95"."recovered_day"
              ) AS "t97"
            ) AS "t98"
            WHERE
              (
                "t98"."kth" - "t98"."day"
              ) <= 6
          ) AS "t100"
        ) AS "t103"
        SEMI JOIN (
          SELECT
            "t0"."patient_id",
            CAST("t0"."day" AS BIGINT) AS "relapse_day"
          FROM "disease_assessments" AS "t0"
          WHERE
            "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
        ) AS "t16"
          ON "t103"."patient_id" = "t16"."patient_id"
          AND "t16"."relapse_day" BETWEEN "t103"."day" - 14 AND "t103"."day" + 14
      ) AS "t104"
      GROUP BY
        1
    ) AS "t107"
      ON "t113"."patient_id" = "t107"."patient_id"
  ) AS "t114"
) AS "t115"
